package dev.tpop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tpop command end to end on the real default model, at small sizes. */
class CommandLineTest {
    record Run(int exitCode, String out, String err) {}

    /** Runs the tpop command in this JVM with {@code stdin} as input; shared by the CLI tests. */
    static Run run(String stdin, String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            int code = TpopCommand.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }

    @Test
    void simulateRunsEndToEndAndWritesResultsAndPlot(@TempDir Path dir) throws Exception {
        Run r = run("", "simulate", "--attribute", "concise", "--rounds", "2", "--held-out", "2", "--checkpoint-every", "1",
                "-M", "8", "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("base greedy"), r.out());
        JsonNode result = new ObjectMapper().readTree(dir.resolve("result.json").toFile());
        assertEquals(3, result.get("checkpoints").size(), "checkpoints after 0, 1 and 2 rounds");
        assertEquals(2, result.get("heldOutPrompts").asInt());
        assertEquals(result.get("baseScore").asDouble(), result.get("checkpoints").get(0).get("meanScore").asDouble(), 1e-12,
                "before any feedback the exploit arm is the base model");
        assertTrue(ImageIO.read(dir.resolve("learning-curve.png").toFile()).getWidth() > 100);
    }

    @Test
    void chatLearnsFromAPersonAndRemembersThem(@TempDir Path dir) {
        String[] args = {"chat", "--user", "tester", "--state-dir", dir.toString(), "-M", "6"};
        Run first = run("Name a fruit.\n1\nName a color.\nt\n\n:q\n", args);
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("[1]") && first.out().contains("[2]"), first.out());
        assertTrue(first.out().contains("1 round learned") && first.out().contains("2 rounds learned"), first.out());
        assertTrue(first.out().contains("empty question"), "an empty line is answered, not sent to the model");
        assertTrue(Files.exists(dir.resolve("tester.tpop.json.gz")));
        Run second = run(":status\n:p\nName a tree.\n:q\n", args);
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("2 rounds so far"), second.out());
        assertTrue(second.out().contains("personalized mode"), second.out());
    }

    @Test
    void badInputGetsOneClearLineAndExitCodeTwo(@TempDir Path dir) throws Exception {
        Run r = run("", "simulate", "--top-k", "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("topK must be >= 1"), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());

        r = run("", "simulate", "--max-new-tokens", "0");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("maxNewTokens"), r.err());

        r = run("", "simulate", "--model", dir.resolve("missing.gguf").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("model file not found"), r.err());

        Path corrupt = dir.resolve("corrupt.gguf");
        Files.write(corrupt, new byte[] {'G', 'G', 'U', 'F', 3, 0, 0, 0, 1});
        r = run("", "chat", "--model", corrupt.toString(), "--state-dir", dir.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("corrupt") || r.err().contains("truncated"), r.err());

        r = run("", "bench", "--top-k", "0", "--out", dir.resolve("bench").toString());
        assertEquals(2, r.exitCode());
        assertEquals("tpop: --top-k must be >= 1, got 0", r.err().strip());

        r = run("", "bench", "--prompts", "0", "--out", dir.resolve("bench").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--prompts must be >= 1"), r.err());

        r = run("", "bench", "--quick", "-M", "100000", "--out", dir.resolve("bench").toString());
        assertEquals(2, r.exitCode(), "refused before llama.cpp loads (it would crash the JVM)");
        assertTrue(r.err().contains("lower -M (at most"), r.err());

        r = run("", "simulate", "--attribute", "grumpy");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("concise"), "lists the valid attributes: " + r.err());

        r = run("", "chat", "--user", "../etc", "--state-dir", dir.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("user name"), r.err());

        Path notJson = dir.resolve("prompts.json");
        Files.writeString(notJson, "not json at all");
        r = run("", "simulate", "--prompts", notJson.toString(), "--rounds", "1", "--held-out", "1");
        assertEquals(2, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());

        r = run("", "simulate", "--prompts", dir.resolve("nope.json").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("nope.json") && !r.err().contains("\tat "), r.err());

        Path config = dir.resolve("c.json");
        Files.writeString(config, "{\"omega\": \"abc\"}");
        r = run("", "simulate", "--config", config.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("invalid config") && !r.err().contains("reference chain"), r.err());
    }

    @Test
    void aSecondChatOfTheSameUserIsRefusedAndQuitWorksAtThePreferencePrompt(@TempDir Path dir) throws Exception {
        try (var channel = java.nio.channels.FileChannel.open(dir.resolve("ann.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var held = channel.lock()) {
            Run r = run("Hi\n", "chat", "--user", "ann", "--state-dir", dir.toString(), "-M", "4");
            assertEquals(2, r.exitCode());
            assertTrue(r.err().contains("already in a tpop chat"), r.err());
        }
        Run r = run(":foo\nName a fish.\n:q\n", "chat", "--user", "ann", "--state-dir", dir.toString(), "-M", "4");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("unknown command :foo"), r.out());
        assertTrue(r.out().contains("0 rounds so far"), r.out());
    }
}
