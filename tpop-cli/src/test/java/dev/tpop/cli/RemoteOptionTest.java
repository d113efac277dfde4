package dev.tpop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tpop.core.TpopConfig;
import dev.tpop.core.backend.LocalBackend;
import dev.tpop.llm.ModelLocator;
import dev.tpop.server.ServerConfig;
import dev.tpop.server.SqliteUserStore;
import dev.tpop.server.TpopServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --remote}: simulate personalizes through a real inference server (a second tpop server on
 * this machine, reached over HTTP), and the commands that cannot run remotely say so.
 */
class RemoteOptionTest {
    private static CommandLineTest.Run run(String... args) {
        return CommandLineTest.run("", args);
    }

    @Test
    void simulateLearnsThroughAnInferenceServer(@TempDir Path dir) throws Exception {
        // The server's admin key must reach the CLI through an environment variable, and a test cannot set
        // one in its own JVM: so the key is the value of one that every test JVM has.
        String key = System.getenv("PATH");
        ServerConfig config = ServerConfig.of(0, dir.resolve("tpop.db"), key, TpopConfig.defaults());
        try (TpopServer server = new TpopServer(config, LocalBackend.load(ModelLocator.defaultModel()), new SqliteUserStore(config.database()))) {
            int port = server.start();
            String url = "http://127.0.0.1:" + port + "/v1";
            CommandLineTest.Run r = run("simulate", "--remote", url, "--remote-model", "tpop", "--remote-key-env", "PATH", "--attribute", "concise",
                    "--rounds", "1", "--held-out", "1", "-M", "4", "--top-k", "5", "--out", dir.resolve("out").toString());
            assertEquals(0, r.exitCode(), r.err());
            JsonNode result = new ObjectMapper().readTree(dir.resolve("out/result.json").toFile());
            assertEquals(2, result.get("checkpoints").size(), "checkpoints after 0 and 1 rounds");
            assertEquals("minilm", result.get("config").get("featurizer").asText(), "--remote implies the text-encoder featurizer");

            CommandLineTest.Run wrongKey = run("simulate", "--remote", url, "--remote-model", "tpop", "--remote-key-env", "HOME", "--rounds", "1",
                    "--held-out", "1", "-M", "4", "--out", dir.resolve("out2").toString());
            assertEquals(2, wrongKey.exitCode());
            assertTrue(wrongKey.err().contains("401"), wrongKey.err());
        }
    }

    @Test
    void badRemoteUsageIsOneClearLine(@TempDir Path dir) {
        CommandLineTest.Run noName = run("simulate", "--remote", "http://127.0.0.1:9/v1", "--out", dir.resolve("a").toString());
        assertEquals(2, noName.exitCode());
        assertTrue(noName.err().contains("--remote-model"), noName.err());

        CommandLineTest.Run base = run("simulate", "--remote", "http://127.0.0.1:9/v1", "--remote-model", "m", "--featurizer", "base",
                "--out", dir.resolve("b").toString());
        assertEquals(2, base.exitCode());
        assertTrue(base.err().contains("--featurizer minilm"), base.err());

        CommandLineTest.Run notHttp = run("simulate", "--remote", "ftp://x/v1", "--remote-model", "m", "--out", dir.resolve("c").toString());
        assertEquals(2, notHttp.exitCode());
        assertTrue(notHttp.err().contains("not an http(s) URL"), notHttp.err());

        CommandLineTest.Run noScheme = run("simulate", "--remote", "127.0.0.1:9/v1", "--remote-model", "m", "--out", dir.resolve("e").toString());
        assertEquals(2, noScheme.exitCode());
        assertEquals(1, noScheme.err().lines().count(), noScheme.err());
        assertTrue(noScheme.err().contains("not an http(s) URL"), noScheme.err());

        CommandLineTest.Run unsetKey = run("simulate", "--remote", "http://127.0.0.1:9/v1", "--remote-model", "m", "--remote-key-env",
                "TPOP_SURELY_UNSET_VARIABLE", "--out", dir.resolve("f").toString());
        assertEquals(2, unsetKey.exitCode());
        assertTrue(unsetKey.err().contains("TPOP_SURELY_UNSET_VARIABLE") && unsetKey.err().contains("not set"), unsetKey.err());

        CommandLineTest.Run nobodyListens = run("simulate", "--remote", "http://127.0.0.1:9/v1", "--remote-model", "m", "--rounds", "1", "-M", "4",
                "--out", dir.resolve("g").toString());
        assertEquals(2, nobodyListens.exitCode());
        assertTrue(nobodyListens.err().contains("cannot reach the inference server at http://127.0.0.1:9/v1/completions: connection refused"),
                nobodyListens.err());
        assertFalse(Files.exists(dir.resolve("g")), "a refused start leaves no empty results folder");

        CommandLineTest.Run serve = run("serve", "--remote", "http://127.0.0.1:9/v1", "--data", dir.resolve("d").toString());
        assertEquals(2, serve.exitCode());
        assertTrue(serve.err().contains("does not support --remote"), serve.err());
        assertTrue(serve.err().lines().count() == 1, serve.err());
    }
}
