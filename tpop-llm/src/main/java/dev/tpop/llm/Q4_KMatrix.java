package dev.tpop.llm;

import dev.tpop.llm.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q4_K: super-blocks of 256 weights in 144 bytes: f16 {@code d}, f16 {@code dmin}, 12 bytes packing
 * eight 6-bit (scale, min) pairs, then 128 bytes of nibbles. Each 64-weight chunk uses two pairs: its
 * first 32 weights are the low nibbles of 32 bytes, its next 32 the high nibbles;
 * {@code w = d * scale * q - dmin * min}, laid out as in ggml's reference {@code dequantize_row_q4_K}.
 * Vectorized 16 bytes at a time (half of the second model's {@code ffn_down} matrices are Q4_K); the
 * vector path multiplies then subtracts, as the scalar one does, so the two agree bit for bit.
 */
final class Q4_KMatrix extends WeightMatrix {
    private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;

    Q4_KMatrix(MemorySegment data, int rows, int cols) {
        super(data, rows, cols, GgmlType.Q4_K);
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        long base = row * rowBytes;
        int[] scales = new int[12];
        for (int b = 0; b < cols / 256; b++) {
            long o = base + b * 144L;
            float d = f16(data, o);
            float dmin = f16(data, o + 2);
            for (int i = 0; i < 12; i++) scales[i] = data.get(ValueLayout.JAVA_BYTE, o + 4 + i) & 0xFF;
            long qs = o + 16;
            int at = offset + b * 256;
            for (int j = 0, is = 0; j < 256; j += 64, is += 2) {
                float d1 = d * scale(is, scales), m1 = dmin * min(is, scales);
                float d2 = d * scale(is + 1, scales), m2 = dmin * min(is + 1, scales);
                if (VECTORIZE) {
                    for (int l0 = 0; l0 < 32; l0 += 16) {
                        ByteVector q = ByteVector.fromMemorySegment(B128, data, qs + l0, ByteOrder.LITTLE_ENDIAN);
                        store(q.and((byte) 0x0F), d1, m1, out, at + j + l0);
                        store(q.lanewise(VectorOperators.LSHR, 4), d2, m2, out, at + j + 32 + l0);
                    }
                    qs += 32;
                    continue;
                }
                for (int l = 0; l < 32; l++) {
                    int q = data.get(ValueLayout.JAVA_BYTE, qs + l) & 0xFF;
                    out[at + j + l] = d1 * (q & 0x0F) - m1;
                    out[at + j + 32 + l] = d2 * (q >>> 4) - m2;
                }
                qs += 32;
            }
        }
    }

    /** {@code out[at .. at+16) = scale * q - min}, lane by lane. */
    private static void store(ByteVector q, float scale, float min, float[] out, int at) {
        int l = F.length();
        for (int p = 0; p < 16 / l; p++) ((FloatVector) q.castShape(F, p)).mul(scale).sub(min).intoArray(out, at + p * l);
    }

    /** ggml's {@code get_scale_min_k4}, scale half. */
    static int scale(int j, int[] q) {
        return j < 4 ? q[j] & 63 : (q[j + 4] & 0x0F) | ((q[j - 4] >> 6) << 4);
    }

    /** ggml's {@code get_scale_min_k4}, min half. */
    static int min(int j, int[] q) {
        return j < 4 ? q[j + 4] & 63 : (q[j + 4] >> 4) | ((q[j] >> 6) << 4);
    }
}
