package dev.tpop.eval.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepetitionAndPromptsTest {
    @TempDir
    Path dir;

    @Test
    void repetitionRate() {
        assertEquals(0.0, Repetition.rate("the cat sat on the mat", 3), 0);
        // 8 words, 6 trigrams, 3 distinct ("a b c", "b c a", "c a b")
        assertEquals(0.5, Repetition.rate("a b c a b c a b", 3), 1e-12);
        assertEquals(0.0, Repetition.rate("too short", 3), 0);
        assertEquals(0.0, Repetition.rate("", 3), 0);
        assertTrue(Repetition.rate("very good ".repeat(50), 3) > 0.95);
    }

    @Test
    void allFourSharedSetsSplitDisjointlyAndDeterministically() throws Exception {
        Path shared = Path.of(System.getProperty("tpop.shared.dir"), "data", "prompts");
        EvalPreset paper = EvalPreset.paper();
        EvalPrompts a = EvalPrompts.load(paper, shared), b = EvalPrompts.load(paper, shared);
        assertEquals(a, b);
        assertEquals(8, a.heldOut().size());
        assertEquals(60, a.train().size());
        var overlap = new HashSet<>(a.train());
        overlap.retainAll(a.heldOut());
        assertTrue(overlap.isEmpty());
        assertEquals(4, a.sources().size());
    }

    @Test
    void anyTextFileIsAPromptSet() throws Exception {
        Path f = dir.resolve("mine.txt");
        Files.writeString(f, "one?\ntwo?\nthree?\nfour?\n");
        EvalPreset p = new EvalPreset("t", List.of(f.toString()), 2, 1, 0, 8, List.of(0), List.of(0L), List.of("concise"),
                List.of("Base"), 0, false, 0, 2, 1);
        EvalPrompts e = EvalPrompts.load(p, null);
        assertEquals(1, e.heldOut().size());
        assertEquals(2, e.train().size());
        assertThrows(IllegalArgumentException.class, () -> new EvalPreset("t", List.of(f.toString()), 2, 1, 0, 8, List.of(0),
                List.of(0L), List.of("concise"), List.of("Beam"), 0, false, 0, 2, 1));
    }
}
