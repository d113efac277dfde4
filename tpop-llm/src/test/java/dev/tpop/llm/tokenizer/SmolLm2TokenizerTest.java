package dev.tpop.llm.tokenizer;

import dev.tpop.llm.ModelLocator;
import dev.tpop.llm.gguf.GgufFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SmolLM2-135M-Instruct's tokenizer against ids recorded from llama.cpp (de.kherud:llama 4.2.0,
 * whose encode parses special tokens); {@link LlamaCppTokenizerOracleTest} re-derives them live.
 */
class SmolLm2TokenizerTest {
    static GgufFile file;
    static Tokenizer tok;

    static Path modelPath() {
        return Path.of(ModelLocator.cacheDirectory().toString(),
                "SmolLM2-135M-Instruct.Q4_1.gguf");
    }

    @BeforeAll
    static void load() {
        file = GgufFile.open(modelPath());
        tok = Tokenizer.fromGguf(file);
    }

    @AfterAll
    static void close() { file.close(); }

    @Test
    void metadata() {
        assertEquals(49152, tok.vocabularySize());
        assertEquals(1, tok.bosId());
        assertFalse(tok.addBos());
        // llama.cpp: eos <|im_end|>, <|endoftext|> by text, and <reponame> as the FIM repo token
        assertEquals(Set.of(0, 2, 4), tok.endOfSequenceIds());
        assertEquals("<|im_start|>", tok.tokenText(1));
        assertEquals("Ġworld", tok.tokenText(905));
        assertArrayEquals(" world".getBytes(), tok.tokenBytes(905));
    }

    @Test
    void matchesLlamaCppIds() {
        assertArrayEquals(new int[] {19556, 905}, tok.encode("Hello world"));
        assertArrayEquals(new int[] {1, 9690, 198, 2683, 359, 253, 5356, 5646, 11173, 3365, 3511, 308, 34519, 28, 7018, 411,
                407, 19712, 8182, 2, 198, 1, 4093, 198, 1780, 314, 216, 34, 27, 34, 47, 2, 198, 1, 520, 9531, 198},
                tok.encodeWithSpecialTokens(SmolLm2Strings.CHAT));
        assertArrayEquals(new int[] {27302, 7170, 34878, 85, 253, 376, 30919, 94, 7554, 1841, 15486, 46494, 37366, 28, 17097,
                241, 115, 40993, 179, 120, 248, 26453, 11100, 224, 10391, 251, 10391, 134, 11100, 226, 28, 216, 33085, 246,
                181, 130, 251, 183, 240, 129, 28, 5664, 239, 17162, 17162, 25723, 11517, 12001, 21118, 26112, 28, 216, 9175,
                14714, 9382, 39511, 7872, 24958, 15107, 114, 240, 10813, 232, 227, 10813, 235, 231, 10813, 233, 138},
                tok.encode(SmolLm2Strings.ALL.get(3)));
        assertArrayEquals(new int[] {39006, 42, 216, 33, 34, 35, 36, 37, 38, 39, 40, 41, 32, 216, 35, 30, 33, 36, 33, 37, 41,
                216, 33, 28, 32, 32, 32, 28, 32, 32, 32, 284, 216, 36, 34, 268}, tok.encode(SmolLm2Strings.ALL.get(4)));
        assertArrayEquals(new int[] {256, 2899, 5600, 197, 397, 197, 100, 7366, 1116, 198, 2241, 5110, 333, 35079, 333},
                tok.encode(SmolLm2Strings.ALL.get(5)));
        assertArrayEquals(new int[] {1604, 3987, 24, 94, 727, 472, 585, 304, 2067, 216, 34, 42, 448, 1003, 304, 472, 1003,
                3987, 24, 94, 731, 216, 33, 25, 1232, 3987, 24, 94, 731, 216, 34, 25, 198}, tok.encode(SmolLm2Strings.ALL.get(6)));
        assertArrayEquals(new int[] {11903, 11690, 20554, 1085, 24, 10492, 75, 77, 5291, 25, 1662, 3829, 30, 447, 30, 3272,
                34115, 1470, 6004, 21646, 4029, 13241, 216, 0}, tok.encodeWithSpecialTokens(SmolLm2Strings.ALL.get(7)));
        assertArrayEquals(new int[0], tok.encode(""));
        assertArrayEquals(new int[] {216}, tok.encode(" "));
        assertArrayEquals(new int[] {15442, 94, 32093, 284, 216, 12109, 218, 1290, 4551, 1898}, tok.encode(SmolLm2Strings.ALL.get(10)));
    }

    @Test
    void plainEncodeDoesNotParseSpecialTokens() {
        int[] ids = tok.encode("<|im_start|>user");
        for (int id : ids) assertTrue(id > 16, "special token id " + id + " from plain text");
        assertEquals("<|im_start|>user", tok.decode(ids));
    }

    @Test
    void roundTrips() {
        for (String s : SmolLm2Strings.ALL) {
            assertEquals(s, tok.decode(tok.encode(s)));
            assertEquals(s, tok.decode(tok.encodeWithSpecialTokens(s)));
        }
    }

    @Test
    void encodesAShortPromptInAboutAMillisecond() {
        for (int i = 0; i < 300; i++) tok.encodeWithSpecialTokens(SmolLm2Strings.CHAT); // warm up
        int n = 500;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) tok.encodeWithSpecialTokens(SmolLm2Strings.CHAT);
        double ms = (System.nanoTime() - t0) / 1e6 / n;
        System.out.printf("encode of a %d-char chat prompt: %.3f ms%n", SmolLm2Strings.CHAT.length(), ms);
        assertTrue(ms < 5, "encode took " + ms + " ms"); // ~1 ms target; loose bound for shared CI cores
    }

    @Test
    void rejectsBadIds() {
        assertThrows(IllegalArgumentException.class, () -> tok.tokenBytes(-1));
        assertThrows(IllegalArgumentException.class, () -> tok.decode(new int[] {49152}));
    }
}
