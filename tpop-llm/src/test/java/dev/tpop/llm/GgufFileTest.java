package dev.tpop.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpop.llm.gguf.GgmlType;
import dev.tpop.llm.gguf.GgufException;
import dev.tpop.llm.gguf.GgufFile;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GGUF reader on a tiny file written here, and on truncated or corrupted copies of it. */
class GgufFileTest {
    @TempDir Path dir;

    /** A little-endian GGUF v3 writer, just enough for tests. */
    static final class Writer {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer raw(ByteBuffer b) { out.write(b.array(), 0, b.position()); return this; }
        Writer i32(int v) { return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v)); }
        Writer i64(long v) { return raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v)); }
        Writer f32(float v) { return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v)); }
        Writer str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            i64(b.length);
            out.write(b, 0, b.length);
            return this;
        }
        Writer kvString(String k, String v) { return str(k).i32(8).str(v); }
        Writer kvInt(String k, int v) { return str(k).i32(4).i32(v); }
        Writer pad(int alignment) { while (out.size() % alignment != 0) out.write(0); return this; }
        byte[] bytes() { return out.toByteArray(); }
    }

    /** One F32 tensor "w" of 2 rows x 32 columns holding 0, 1, 2, ...; architecture {@code arch}. */
    static byte[] tinyGguf(String arch) {
        Writer w = new Writer();
        w.i32(0x46554747).i32(3).i64(1).i64(3);
        w.kvString("general.architecture", arch);
        w.kvInt("test.answer", 42);
        w.str("test.floats").i32(9).i32(6).i64(3).f32(1.5f).f32(-2f).f32(0.25f);
        w.str("w").i32(2).i64(32).i64(2).i32(0).i64(0);
        w.pad(32);
        for (int i = 0; i < 64; i++) w.f32(i);
        return w.bytes();
    }

    Path write(String name, byte[] bytes) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void readsMetadataTensorsAndData() throws Exception {
        try (GgufFile g = GgufFile.open(write("tiny.gguf", tinyGguf("llama")))) {
            assertEquals(3, g.version());
            assertEquals("llama", g.getString("general.architecture"));
            assertEquals(42, g.getInt("test.answer"));
            assertArrayEquals(new float[] {1.5f, -2f, 0.25f}, (float[]) g.metadata().get("test.floats"));
            var info = g.tensor("w");
            assertEquals(GgmlType.F32, info.type());
            assertArrayEquals(new long[] {32, 2}, info.shape());
            WeightMatrix m = WeightMatrix.of(g, info);
            assertEquals(2, m.rows());
            assertEquals(32, m.cols());
            float[] row = new float[32];
            m.dequantizeRow(1, row, 0);
            assertEquals(32f, row[0]);
            assertEquals(63f, row[31]);
            assertThrows(GgufException.class, () -> g.tensor("nope"));
        }
    }

    @Test
    void everyTruncationIsAGgufException() throws Exception {
        byte[] full = tinyGguf("llama");
        for (int len = 0; len < full.length; len += (len < 200 ? 1 : 37)) {
            Path p = write("cut" + len + ".gguf", Arrays.copyOf(full, len));
            final int n = len;
            assertThrows(GgufException.class, () -> GgufFile.open(p).close(), "truncated at " + n);
        }
    }

    @Test
    void corruptFilesAreGgufExceptions() throws Exception {
        byte[] full = tinyGguf("llama");
        byte[] badMagic = full.clone();
        badMagic[0] = 'X';
        assertThrows(GgufException.class, () -> GgufFile.open(write("magic.gguf", badMagic)));
        // A key length of 2^62 and an array of 2^31-1 elements: must not allocate or read out of bounds.
        byte[] hugeString = full.clone();
        ByteBuffer.wrap(hugeString).order(ByteOrder.LITTLE_ENDIAN).putLong(24, 1L << 62);
        assertThrows(GgufException.class, () -> GgufFile.open(write("str.gguf", hugeString)));
        byte[] hugeArray = full.clone();
        int at = indexOf(full, "test.floats".getBytes(StandardCharsets.UTF_8)) + 11 + 8;
        ByteBuffer.wrap(hugeArray).order(ByteOrder.LITTLE_ENDIAN).putLong(at, Integer.MAX_VALUE);
        assertThrows(GgufException.class, () -> GgufFile.open(write("arr.gguf", hugeArray)));
        var missing = assertThrows(GgufException.class, () -> GgufFile.open(dir.resolve("absent.gguf")));
        assertTrue(missing.getMessage().contains("not found"), missing.getMessage());
    }

    @Test
    void modelLoadRejectsUnsupportedArchitectureAndMissingTensors() throws Exception {
        var e = assertThrows(GgufException.class, () -> LlamaModel.load(write("g.gguf", tinyGguf("gemma3"))));
        assertTrue(e.getMessage().contains("gemma3") && e.getMessage().contains("llama"), e.getMessage());
        // Right architecture, but no hyper-parameters or layer tensors.
        assertThrows(GgufException.class, () -> LlamaModel.load(write("l.gguf", tinyGguf("llama"))));
        assertThrows(GgufException.class, () -> LlamaModel.load(dir.resolve("absent.gguf")));
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }
}
