package dev.tpop.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpop.llm.gguf.GgmlType;
import dev.tpop.llm.gguf.GgufException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Each GGML block layout, packed by hand from known values here, must decode to exactly those values
 * (the scales are powers of two, so the float arithmetic is exact), and its dot products and batched
 * matmul must agree with a plain scalar dot of the reference values.
 */
class WeightMatrixTest {
    static final int ROWS = 3, COLS = 512;
    final Random rnd = new Random(42);

    /** Packs, decodes and checks one matrix whose expected float values are {@code ref}. */
    static void check(GgmlType type, ByteBuffer packed, float[][] ref) {
        MemorySegment seg = Arena.ofAuto().allocate(packed.capacity());
        seg.copyFrom(MemorySegment.ofBuffer(packed.rewind()));
        WeightMatrix m = WeightMatrix.of(type, seg, ROWS, COLS, "test");
        assertEquals(type, m.type());
        float[] x = new float[COLS], y = new float[COLS];
        Random r = new Random(7);
        for (int j = 0; j < COLS; j++) { x[j] = (float) r.nextGaussian(); y[j] = (float) r.nextGaussian(); }
        float[][] out = new float[2][ROWS];
        m.matmul(new float[][] {x, y}, out, 2);
        for (int row = 0; row < ROWS; row++) {
            float[] got = new float[COLS + 5];
            m.dequantizeRow(row, got, 5);
            float[] expect = new float[COLS + 5];
            System.arraycopy(ref[row], 0, expect, 5, COLS);
            assertArrayEquals(expect, got, 0f, type + " row " + row + " roundtrip");
            double dx = 0, dy = 0;
            for (int j = 0; j < COLS; j++) { dx += (double) ref[row][j] * x[j]; dy += (double) ref[row][j] * y[j]; }
            assertEquals(dx, m.dot(row, x), 1e-3 * (1 + Math.abs(dx)), type + " dot");
            assertEquals(m.dot(row, x), out[0][row], 0f, type + " matmul == dot (batch entry 0)");
            assertEquals(m.dot(row, y), out[1][row], 0f, type + " matmul == dot (batch entry 1)");
        }
    }

    static ByteBuffer buffer(GgmlType t) {
        return ByteBuffer.allocate((int) t.bytesFor((long) ROWS * COLS)).order(ByteOrder.LITTLE_ENDIAN);
    }

    static short h(float f) { return Float.floatToFloat16(f); }

    /** Packs one block of {@code type} into {@code b}; its weights' expected values go to {@code ref[base..]}. */
    interface BlockPacker {
        void pack(ByteBuffer b, float[] ref, int base);
    }

    /** Packs every block of a {@link #ROWS} x {@link #COLS} matrix with {@code packer}, row by row, and checks it. */
    static void packAndCheck(GgmlType type, int blockWeights, BlockPacker packer) {
        ByteBuffer b = buffer(type);
        float[][] ref = new float[ROWS][COLS];
        for (int r = 0; r < ROWS; r++) for (int base = 0; base < COLS; base += blockWeights) packer.pack(b, ref[r], base);
        check(type, b, ref);
    }

    @Test
    void q8_0() {
        packAndCheck(GgmlType.Q8_0, 32, (b, ref, base) -> {
            float d = 1f / (1 << rnd.nextInt(8));
            b.putShort(h(d));
            for (int j = 0; j < 32; j++) {
                int q = rnd.nextInt(255) - 127;
                b.put((byte) q);
                ref[base + j] = q * d;
            }
        });
    }

    @Test
    void q4_0() {
        packAndCheck(GgmlType.Q4_0, 32, (b, ref, base) -> {
            float d = 1f / (1 << rnd.nextInt(8));
            b.putShort(h(d));
            for (int j = 0; j < 16; j++) {
                int lo = rnd.nextInt(16), hi = rnd.nextInt(16);
                b.put((byte) (lo | hi << 4));
                ref[base + j] = (lo - 8) * d;
                ref[base + j + 16] = (hi - 8) * d;
            }
        });
    }

    @Test
    void q4_1() {
        packAndCheck(GgmlType.Q4_1, 32, (b, ref, base) -> {
            float d = 1f / (1 << rnd.nextInt(8)), m = -rnd.nextInt(64) / 16f;
            b.putShort(h(d)).putShort(h(m));
            for (int j = 0; j < 16; j++) {
                int lo = rnd.nextInt(16), hi = rnd.nextInt(16);
                b.put((byte) (lo | hi << 4));
                ref[base + j] = lo * d + m;
                ref[base + j + 16] = hi * d + m;
            }
        });
    }

    /** Q5_0: bit j of the 32-bit qh word is the fifth bit of weight j (low nibbles 0..15, high nibbles 16..31). */
    @Test
    void q5_0() {
        packAndCheck(GgmlType.Q5_0, 32, (b, ref, base) -> {
            float d = 1f / (1 << rnd.nextInt(8));
            int[] q = new int[32];
            int qh = 0;
            for (int j = 0; j < 32; j++) {
                q[j] = rnd.nextInt(32);
                qh |= (q[j] >> 4) << j;
                ref[base + j] = (q[j] - 16) * d;
            }
            b.putShort(h(d)).putInt(qh);
            for (int j = 0; j < 16; j++) b.put((byte) ((q[j] & 0xF) | (q[j + 16] & 0xF) << 4));
        });
    }

    /**
     * Q5_0 rows of the second model's real tensors against values pinned from gguf-py's independent
     * dequantizer ({@code gguf.quants.dequantize}): the first six weights, the sum and the sum of squares.
     */
    @Test
    void q5_0MatchesGgufPyOnTheQwenFile() {
        Object[][] pinned = {
            {"token_embd.weight", 0, new double[] {-0.01709747314453125, 0.02469635009765625, 0.022796630859375,
                    0.0113983154296875, -0.02849578857421875, -0.007598876953125}, 0.458465576171875, 0.2839648798108101},
            {"token_embd.weight", 151645, new double[] {0.023406982421875, 0.001800537109375, -0.016204833984375,
                    0.005401611328125, 0.00360107421875, 0.012603759765625}, 0.0547332763671875, 0.11775700154248625},
            {"blk.0.attn_q.weight", 895, new double[] {0.030841827392578125, -0.048465728759765625, 0.04405975341796875,
                    -0.004405975341796875, -0.013217926025390625, -0.00881195068359375}, -0.5334739685058594, 1.3358776272143587},
        };
        try (var g = dev.tpop.llm.gguf.GgufFile.open(TestModels.qwenModel())) {
            for (Object[] p : pinned) {
                String name = (String) p[0];
                int row = (Integer) p[1];
                WeightMatrix m = WeightMatrix.of(g, g.tensor(name));
                assertEquals(GgmlType.Q5_0, m.type(), name);
                float[] got = new float[m.cols()];
                m.dequantizeRow(row, got, 0);
                double[] first = (double[]) p[2];
                for (int j = 0; j < first.length; j++) assertEquals(first[j], got[j], 0.0, name + " row " + row + " weight " + j);
                double sum = 0, sq = 0, xdot = 0;
                float[] x = new float[m.cols()];
                for (int j = 0; j < got.length; j++) {
                    sum += got[j];
                    sq += (double) got[j] * got[j];
                    x[j] = (float) Math.sin(j);
                    xdot += (double) got[j] * x[j];
                }
                assertEquals((Double) p[3], sum, 1e-9, name + " row " + row + " sum");
                assertEquals((Double) p[4], sq, 1e-9, name + " row " + row + " sum of squares");
                assertEquals(xdot, m.dot(row, x), 1e-4, name + " row " + row + " dot");
            }
        }
    }

    /** Q4_K packs eight 6-bit (scale, min) pairs into 12 bytes; we pack them the way ggml's quantizer does. */
    @Test
    void q4_K() {
        packAndCheck(GgmlType.Q4_K, 256, (b, ref, base) -> {
            float d = 1f / (1 << rnd.nextInt(6)), dmin = 1f / (1 << rnd.nextInt(6));
            int[] sc = new int[8], mn = new int[8];
            for (int i = 0; i < 8; i++) { sc[i] = rnd.nextInt(64); mn[i] = rnd.nextInt(64); }
            byte[] packed = new byte[12];
            for (int j = 0; j < 8; j++) {
                if (j < 4) {
                    packed[j] = (byte) sc[j];
                    packed[j + 4] = (byte) mn[j];
                } else {
                    packed[j + 4] = (byte) ((sc[j] & 0xF) | ((mn[j] & 0xF) << 4));
                    packed[j - 4] |= (byte) ((sc[j] >> 4) << 6);
                    packed[j] |= (byte) ((mn[j] >> 4) << 6);
                }
            }
            b.putShort(h(d)).putShort(h(dmin)).put(packed);
            for (int chunk = 0; chunk < 4; chunk++) {
                for (int l = 0; l < 32; l++) {
                    int lo = rnd.nextInt(16), hi = rnd.nextInt(16);
                    b.put((byte) (lo | hi << 4));
                    ref[base + chunk * 64 + l] = d * sc[2 * chunk] * lo - dmin * mn[2 * chunk];
                    ref[base + chunk * 64 + 32 + l] = d * sc[2 * chunk + 1] * hi - dmin * mn[2 * chunk + 1];
                }
            }
        });
    }

    /** Q6_K: weight {@code i} of a 128-half is split into 4 low bits (ql) and 2 high bits (qh). */
    @Test
    void q6_K() {
        packAndCheck(GgmlType.Q6_K, 256, (b, ref, base) -> {
            float d = 1f / (1 << rnd.nextInt(6));
            int[] q = new int[256];
            byte[] sc = new byte[16];
            for (int i = 0; i < 256; i++) q[i] = rnd.nextInt(64);
            for (int i = 0; i < 16; i++) sc[i] = (byte) (rnd.nextInt(255) - 127);
            byte[] ql = new byte[128], qh = new byte[64];
            for (int half = 0; half < 2; half++) {
                for (int l = 0; l < 32; l++) {
                    int[] v = new int[4];
                    for (int k = 0; k < 4; k++) v[k] = q[half * 128 + k * 32 + l];
                    ql[half * 64 + l] = (byte) ((v[0] & 0xF) | ((v[2] & 0xF) << 4));
                    ql[half * 64 + l + 32] = (byte) ((v[1] & 0xF) | ((v[3] & 0xF) << 4));
                    qh[half * 32 + l] = (byte) ((v[0] >> 4) | ((v[1] >> 4) << 2) | ((v[2] >> 4) << 4) | ((v[3] >> 4) << 6));
                }
            }
            b.put(ql).put(qh).put(sc).putShort(h(d));
            for (int i = 0; i < 256; i++) ref[base + i] = d * sc[i / 16] * (q[i] - 32);
        });
    }

    @Test
    void floats() {
        float[][] ref = new float[ROWS][COLS];
        ByteBuffer f32 = buffer(GgmlType.F32), f16 = buffer(GgmlType.F16), bf16 = buffer(GgmlType.BF16);
        for (int r = 0; r < ROWS; r++) for (int j = 0; j < COLS; j++) {
            float v = (rnd.nextInt(255) - 127) / 8f; // 8 significant bits: exact in f16 and bf16
            ref[r][j] = v;
            f32.putFloat(v);
            f16.putShort(h(v));
            bf16.putShort((short) (Float.floatToIntBits(v) >>> 16));
        }
        check(GgmlType.F32, f32, ref);
        check(GgmlType.F16, f16, ref);
        check(GgmlType.BF16, bf16, ref);
    }

    @Test
    void unsupportedTypeAndShortDataAreGgufExceptions() {
        MemorySegment seg = Arena.ofAuto().allocate(1 << 16);
        var e = assertThrows(GgufException.class, () -> WeightMatrix.of(GgmlType.Q5_1, seg, 2, 64, "blk.0.w"));
        assertTrue(e.getMessage().contains("Q5_1") && e.getMessage().contains("blk.0.w"), e.getMessage());
        assertThrows(GgufException.class, () -> WeightMatrix.of(GgmlType.F32, seg.asSlice(0, 100), 2, 64, "w"));
    }

    @Test
    void floatDotHandlesTailsAndOffsets() {
        for (int n : new int[] {1, 7, 16, 63, 64, 65, 200}) {
            float[] a = new float[n + 3], b = new float[n + 5];
            for (int i = 0; i < a.length; i++) a[i] = rnd.nextFloat() - 0.5f;
            for (int i = 0; i < b.length; i++) b[i] = rnd.nextFloat() - 0.5f;
            double ref = 0;
            for (int i = 0; i < n; i++) ref += (double) a[i + 3] * b[i + 5];
            assertEquals(ref, WeightMatrix.dot(a, 3, b, 5, n), 1e-5, "n=" + n);
        }
        assertTrue(ValueLayout.JAVA_FLOAT.byteSize() == 4);
    }
}
