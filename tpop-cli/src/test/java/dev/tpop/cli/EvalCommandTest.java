package dev.tpop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The eval subcommand is registered and rejects what a user can fix with one line (no model load). */
class EvalCommandTest {
    @Test
    void helpListsThePresets() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            assertEquals(0, TpopCommand.execute("eval", "--help"));
        } finally {
            System.setOut(old);
        }
        String help = buf.toString();
        assertTrue(help.contains("--preset") && help.contains("paper") && help.contains("--judge-url"), help);
    }

    @Test
    void unknownAttributeOrPresetIsAOneLineError() {
        assertEquals(2, TpopCommand.execute("eval", "--attributes", "grumpy"));
        assertEquals(2, TpopCommand.execute("eval", "--preset", "huge"));
        assertEquals(2, TpopCommand.execute("eval", "--methods", "Beam"));
    }

    @Test
    void badEvalInputFailsInOneLineBeforeAnyWork(@TempDir Path dir) throws Exception {
        CommandLineTest.Run seeds = CommandLineTest.run("", "eval", "--seeds", "abc");
        assertEquals(2, seeds.exitCode());
        assertEquals(1, seeds.err().lines().count(), "one line, not the whole usage: " + seeds.err());
        assertTrue(seeds.err().contains("--seeds") && seeds.err().contains("tpop eval --help"), seeds.err());

        CommandLineTest.Run sameSeed = CommandLineTest.run("", "eval", "--seeds", "0,0");
        assertEquals(2, sameSeed.exitCode());
        assertTrue(sameSeed.err().contains("seeds repeat") && sameSeed.err().contains("--seeds"), sameSeed.err());

        CommandLineTest.Run notUrl = CommandLineTest.run("", "eval", "--judge-url", "not-a-url", "-o", dir.resolve("a").toString());
        assertEquals(2, notUrl.exitCode());
        assertTrue(notUrl.err().contains("--judge-url not-a-url is not an http(s) URL"), notUrl.err());

        CommandLineTest.Run unsetKey = CommandLineTest.run("", "eval", "--judge-url", "http://127.0.0.1:9/v1", "--judge-key-env",
                "TPOP_SURELY_UNSET_VARIABLE", "-o", dir.resolve("b").toString());
        assertEquals(2, unsetKey.exitCode());
        assertTrue(unsetKey.err().contains("TPOP_SURELY_UNSET_VARIABLE") && unsetKey.err().contains("not set"), unsetKey.err());

        // nobody listens on port 9: the probe says so before a model loads or a cell is computed
        CommandLineTest.Run nobody = CommandLineTest.run("", "eval", "--judge-url", "http://127.0.0.1:9/v1", "-o", dir.resolve("c").toString());
        assertEquals(2, nobody.exitCode());
        assertTrue(nobody.err().contains("cannot reach the judge at http://127.0.0.1:9/v1/chat/completions: connection refused"), nobody.err());
        assertFalse(Files.exists(dir.resolve("c")), "no results folder for a run that never started");

        CommandLineTest.Run noDir = CommandLineTest.run("", "eval", "--prompts-dir", dir.resolve("nowhere").toString());
        assertEquals(2, noDir.exitCode());
        assertTrue(noDir.err().contains("--prompts-dir") && noDir.err().contains("is not a folder"), noDir.err());

        Path broken = Files.writeString(dir.resolve("broken.json"), "[{\"prompt\": \"hi\"");
        CommandLineTest.Run badJson = CommandLineTest.run("", "eval", "--prompts", broken.toString(), "-o", dir.resolve("d").toString());
        assertEquals(2, badJson.exitCode());
        assertEquals(1, badJson.err().lines().count(), badJson.err());
        assertTrue(badJson.err().contains(broken + " is not valid JSON (line 1") && !badJson.err().contains("Source"), badJson.err());

        CommandLineTest.Run missingSet = CommandLineTest.run("", "eval", "--prompts", "no_such_set.json", "--prompts-dir", dir.toString(),
                "-o", dir.resolve("e").toString());
        assertEquals(2, missingSet.exitCode());
        assertTrue(missingSet.err().contains("no_such_set.json") && missingSet.err().contains("set --prompts-dir"), missingSet.err());
    }
}
