package dev.tpop.llm.tokenizer;

import dev.tpop.llm.gguf.GgufFile;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Utf8StreamDecoderTest {
    @Test
    void streamedDeltasConcatenateToDecodeWithoutReplacementChars() {
        try (GgufFile f = GgufFile.open(SmolLm2TokenizerTest.modelPath())) {
            Tokenizer t = Tokenizer.fromGguf(f);
            String text = "Emoji 🤖🎉👍🏽 and CJK 日本語のテキスト, 한국어, café — done";
            int[] ids = t.encode(text);
            // the test is only meaningful if some token really splits a character
            boolean split = false;
            for (int id : ids) {
                byte[] b = t.tokenBytes(id);
                if (!new String(b, StandardCharsets.UTF_8).equals(new String(b, StandardCharsets.UTF_8).replace("\uFFFD", ""))
                        || new String(b, StandardCharsets.UTF_8).contains("\uFFFD")) split = true;
            }
            assertTrue(split, "expected a token that splits a multi-byte character");
            Utf8StreamDecoder d = new Utf8StreamDecoder(t);
            StringBuilder sb = new StringBuilder();
            for (int id : ids) {
                String delta = d.accept(id);
                assertFalse(delta.contains("\uFFFD"), "delta with U+FFFD: " + delta);
                sb.append(delta);
            }
            assertFalse(d.hasPending());
            sb.append(d.flush());
            assertEquals(text, sb.toString());
            assertEquals(t.decode(ids), sb.toString());
        }
    }

    @Test
    void incompleteTail() {
        byte[] e = "🤖".getBytes(StandardCharsets.UTF_8); // F0 9F A4 96
        assertEquals(1, Utf8StreamDecoder.incompleteTail(e, 1));
        assertEquals(3, Utf8StreamDecoder.incompleteTail(e, 3));
        assertEquals(0, Utf8StreamDecoder.incompleteTail(e, 4));
        assertEquals(0, Utf8StreamDecoder.incompleteTail(new byte[] {'a', (byte) 0x80}, 2)); // stray continuation
        assertEquals(0, Utf8StreamDecoder.incompleteTail(new byte[] {(byte) 0xE0, (byte) 0x80}, 2)); // overlong: invalid now
    }
}
