package dev.tpop.eval.simulate;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tpop.core.backend.LocalBackend;
import java.nio.file.Files;
import java.nio.file.Path;

/** The default model for eval tests, loaded once per JVM. A missing model fails the tests, never skips them. */
public final class TestModel {
    private static LocalBackend backend;

    private TestModel() {}

    public static synchronized LocalBackend backend() {
        if (backend == null) {
            Path p = Path.of(System.getProperty("tpop.model.cache", System.getProperty("user.home") + "/.cache/tpop/models"),
                    "SmolLM2-135M-Instruct.Q4_1.gguf");
            if (!Files.isRegularFile(p)) fail("default model missing at " + p + ": run scripts/setup.sh");
            backend = LocalBackend.load(p);
        }
        return backend;
    }
}
