package dev.tpop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

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
}
