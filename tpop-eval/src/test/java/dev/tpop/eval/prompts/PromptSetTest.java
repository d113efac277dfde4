package dev.tpop.eval.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptSetTest {
    /** Counts from /work/shared/data/prompts/README.md. */
    private static final Map<String, Integer> COUNTS = Map.of(
            "HelpSteer_train.json", 1236,
            "UltraFeedback_truthful_qa.json", 811,
            "UltraFeedback_ultrachat.json", 3845,
            "personal_preference_eval_preference_data.json", 548);
    private static final String PERSONAL = "personal_preference_eval_preference_data.json";

    @TempDir Path tmp;

    /** The shared prompt folder; a missing folder is a failure, never a skip. */
    static Path promptsDir() {
        String shared = System.getProperty("tpop.shared.dir");
        assertTrue(shared != null && !shared.isBlank(),
                "system property tpop.shared.dir is not set (surefire passes it; run through Maven)");
        Path dir = Path.of(shared, "data", "prompts");
        assertTrue(Files.isDirectory(dir), "shared prompt folder missing: " + dir.toAbsolutePath()
                + " (tests need ../shared/data/prompts next to the project; see its README)");
        return dir;
    }

    @Test
    void sharedSetsHaveTheDocumentedCounts() throws IOException {
        for (var e : COUNTS.entrySet()) {
            PromptSet set = PromptSet.load(promptsDir().resolve(e.getKey()).toString());
            assertEquals(e.getValue(), set.size(), e.getKey());
            for (String p : set.prompts()) assertEquals(p.strip(), p, "not stripped in " + e.getKey());
        }
    }

    @Test
    void trailingSpacesAreStrippedWithoutChangingTheSplit() throws IOException {
        Path raw = promptsDir().resolve(PERSONAL);
        ObjectMapper json = new ObjectMapper();
        ArrayNode rows = (ArrayNode) json.readTree(raw.toFile());
        int trailing = 0;
        for (var row : rows) {
            String q = row.get("question").asText();
            if (!q.equals(q.stripTrailing())) trailing++;
            ((ObjectNode) row).put("question", q.strip());
        }
        assertEquals(382, trailing, "README: 382 questions end with a trailing space");
        Path stripped = tmp.resolve("stripped.json");
        json.writeValue(stripped.toFile(), rows);
        PromptSplit a = PromptSet.load(raw.toString()).split(11, 0.25);
        PromptSplit b = PromptSet.load(stripped.toString()).split(11, 0.25);
        assertEquals(a, b);
    }

    @Test
    void splitIsDisjointCompleteAndDeterministic() throws IOException {
        PromptSet set = PromptSet.load(promptsDir().resolve("UltraFeedback_truthful_qa.json").toString());
        PromptSplit s = set.split(3, 0.2);
        assertEquals(Math.round(811 * 0.2), s.heldOut().size());
        assertEquals(811, s.train().size() + s.heldOut().size());
        Set<String> train = new HashSet<>(s.train());
        for (String p : s.heldOut()) assertFalse(train.contains(p), "held-out prompt used for training: " + p);
        Set<String> all = new HashSet<>(s.train());
        all.addAll(s.heldOut());
        assertEquals(new HashSet<>(set.prompts()), all);
        assertEquals(s, set.split(3, 0.2));
        assertNotEquals(s.heldOut(), set.split(4, 0.2).heldOut());
    }

    @Test
    void filesThatAreNotPromptsAreNamedWithTheFix(@TempDir Path dir) throws IOException {
        Path binary = Files.write(dir.resolve("binary.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3});
        String why = assertThrows(IllegalArgumentException.class, () -> PromptSet.load(binary.toString())).getMessage();
        assertTrue(why.contains(binary.toString()) && why.contains("not UTF-8"), why);
        why = assertThrows(IllegalArgumentException.class, () -> PromptSet.fromFile(dir)).getMessage();
        assertTrue(why.contains(dir + " is a folder"), why);
        Path broken = Files.writeString(dir.resolve("broken.jsonl"), "{\"prompt\": \"a\"}\n{bad}\n");
        why = assertThrows(IOException.class, () -> PromptSet.load(broken.toString())).getMessage();
        assertTrue(why.startsWith(broken + ":2 is not valid JSON"), why);
    }

    @Test
    void splitEdgeCases() {
        PromptSet two = PromptSet.of("t", List.of("a", "b"));
        assertEquals(1, two.split(0, 0.01).heldOut().size());
        assertEquals(0, two.split(0, 0).heldOut().size());
        assertEquals(2, two.split(0, 1).heldOut().size());
        assertThrows(IllegalArgumentException.class, () -> two.split(0, 1.5));
    }

    @Test
    void cleaningStripsDropsEmptiesAndDeduplicatesKeepingFirst() {
        PromptSet s = PromptSet.of("t", List.of(" b ", "a", "", "   ", "b", "c\n", "a "));
        assertEquals(List.of("b", "a", "c"), s.prompts());
    }

    @Test
    void jsonlWithAnyKnownFieldAndPlainText() throws IOException {
        Path jsonl = tmp.resolve("p.jsonl");
        Files.writeString(jsonl, "{\"question\":\"q1 \"}\n\n{\"prompt\":\"q2\",\"x\":1}\n{\"instruction\":\"q3\"}\n\"q4\"\n");
        assertEquals(List.of("q1", "q2", "q3", "q4"), PromptSet.load(jsonl.toString()).prompts());
        Path txt = tmp.resolve("p.txt");
        Files.writeString(txt, "first prompt\n\n  second prompt  \nfirst prompt\n");
        assertEquals(List.of("first prompt", "second prompt"), PromptSet.load(txt.toString()).prompts());
        Path json = tmp.resolve("p.json");
        Files.writeString(json, "[\"s1\", {\"index\":1,\"question\":\"s2\"}]");
        assertEquals(List.of("s1", "s2"), PromptSet.load(json.toString()).prompts());
        Path bad = tmp.resolve("bad.jsonl");
        Files.writeString(bad, "{\"text\":\"no known field\"}\n");
        IOException e = assertThrows(IOException.class, () -> PromptSet.load(bad.toString()));
        assertTrue(e.getMessage().contains("question"), e.getMessage());
        assertThrows(IOException.class, () -> PromptSet.load(tmp.resolve("missing.json").toString()));
    }

    @Test
    void defaultSetShipsInTheJar() throws IOException {
        PromptSet d = PromptSet.load("default");
        assertTrue(d.size() >= 50, "default set size " + d.size());
        assertEquals(d.size(), new HashSet<>(d.prompts()).size());
        PromptSplit s = d.split(0, 0.3);
        assertFalse(s.train().isEmpty());
        assertFalse(s.heldOut().isEmpty());
    }

    @Test
    void huggingFaceSpecsParse() {
        var full = HuggingFacePrompts.Spec.parse("hf:nvidia/HelpSteer:validation:prompt");
        assertEquals(new HuggingFacePrompts.Spec("nvidia/HelpSteer", "validation", "prompt"), full);
        var bare = HuggingFacePrompts.Spec.parse("hf:openbmb/UltraFeedback");
        assertEquals("train", bare.split());
        assertNull(bare.field());
        assertThrows(IllegalArgumentException.class, () -> HuggingFacePrompts.Spec.parse("hf:nodataset"));
        assertThrows(IllegalArgumentException.class, () -> HuggingFacePrompts.Spec.parse("hf:a/b:c:d:e"));
    }
}
