package dev.tpop.server;

import dev.tpop.llm.ModelLocator;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tpop.core.TpopConfig;
import dev.tpop.core.backend.LocalBackend;
import java.nio.file.Files;
import java.nio.file.Path;

/** The default model (loaded once per test JVM) and in-process servers on random ports. */
final class TestServers {
    static final String ADMIN_KEY = "tpa-test-admin-key-0123456789";
    private static LocalBackend backend;

    private TestServers() {}

    static synchronized LocalBackend backend() {
        if (backend == null) {
            Path p = modelPath();
            backend = LocalBackend.load(p);
        }
        return backend;
    }

    static Path modelPath() {
        Path p = Path.of(ModelLocator.cacheDirectory().toString(),
                "SmolLM2-135M-Instruct.Q4_1.gguf");
        if (!Files.isRegularFile(p)) fail("default model missing at " + p + ": run scripts/setup.sh");
        return p;
    }

    /** Short answers keep tests fast on a shared CPU; the refit is small for the same reason. */
    static TpopConfig config() {
        return TpopConfig.defaults().with("maxNewTokens", 8).with("refitEpochs", 10);
    }

    /** A started server whose SQLite file is {@code dir/tpop.db}. */
    static TpopServer start(Path dir) {
        return start(dir, config());
    }

    static TpopServer start(Path dir, TpopConfig tpop) {
        ServerConfig c = ServerConfig.of(0, dir.resolve("tpop.db"), ADMIN_KEY, tpop);
        TpopServer s = new TpopServer(c, backend(), new SqliteUserStore(c.database()));
        s.start();
        return s;
    }
}
