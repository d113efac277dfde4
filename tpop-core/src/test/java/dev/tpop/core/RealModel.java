package dev.tpop.core;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tpop.core.backend.LocalBackend;
import java.nio.file.Files;
import java.nio.file.Path;

/** The default model for tests, loaded once per JVM. Missing model = failing tests, never skipped ones. */
public final class RealModel {
    private static LocalBackend backend;

    private RealModel() {}

    public static synchronized LocalBackend backend() {
        if (backend == null) {
            Path p = Path.of(System.getProperty("tpop.model.cache", System.getProperty("user.home") + "/.cache/tpop/models"),
                    "SmolLM2-135M-Instruct.Q4_1.gguf");
            if (!Files.isRegularFile(p)) fail("default model missing at " + p + ": run scripts/setup.sh");
            backend = LocalBackend.load(p);
        }
        return backend;
    }

    public static TpopConfig config(int maxNewTokens) {
        return TpopConfig.defaults().with("maxNewTokens", maxNewTokens);
    }
}
