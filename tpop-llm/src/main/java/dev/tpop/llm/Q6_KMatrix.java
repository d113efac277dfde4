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
 * Q6_K: super-blocks of 256 weights in 210 bytes: 128 bytes of low nibbles {@code ql}, 64 bytes of
 * high 2-bit pairs {@code qh}, 16 signed 8-bit scales (one per 16 weights), then f16 {@code d};
 * {@code w = d * scale * (q - 32)}, laid out as in ggml's reference {@code dequantize_row_q6_K}.
 *
 * <p>Vectorized 16 weights at a time (one scale each): the second model's {@code ffn_down} matrices are
 * Q6_K, and the scalar decode made them the slowest part of its forward pass (~10x slower per weight
 * than Q5_0). Both paths compute {@code (d * scale) * q} in the same order, so they agree bit for bit.
 */
final class Q6_KMatrix extends WeightMatrix {
    private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;

    Q6_KMatrix(MemorySegment data, int rows, int cols) {
        super(data, rows, cols, GgmlType.Q6_K);
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        long base = row * rowBytes;
        for (int b = 0; b < cols / 256; b++) {
            long o = base + b * 210L;
            float d = f16(data, o + 208);
            long ql = o, qh = o + 128, sc = o + 192;
            int at = offset + b * 256;
            if (VECTORIZE) {
                decodeVector(ql, qh, sc, d, out, at);
                continue;
            }
            for (int n = 0; n < 256; n += 128) {
                for (int l = 0; l < 32; l++) {
                    int is = l / 16;
                    int lo0 = u8(ql + l), lo1 = u8(ql + l + 32), h = u8(qh + l);
                    int q1 = ((lo0 & 0x0F) | ((h & 3) << 4)) - 32;
                    int q2 = ((lo1 & 0x0F) | (((h >> 2) & 3) << 4)) - 32;
                    int q3 = ((lo0 >>> 4) | (((h >> 4) & 3) << 4)) - 32;
                    int q4 = ((lo1 >>> 4) | (((h >> 6) & 3) << 4)) - 32;
                    out[at + n + l] = d * s8(sc + is) * q1;
                    out[at + n + l + 32] = d * s8(sc + is + 2) * q2;
                    out[at + n + l + 64] = d * s8(sc + is + 4) * q3;
                    out[at + n + l + 96] = d * s8(sc + is + 6) * q4;
                }
                ql += 64;
                qh += 32;
                sc += 8;
            }
        }
    }

    /** One super-block, 16 lanes per step: lanes {@code l0..l0+15} of the four 32-weight quarters of each half. */
    private void decodeVector(long ql, long qh, long sc, float d, float[] out, int at) {
        for (int n = 0; n < 256; n += 128) {
            for (int l0 = 0; l0 < 32; l0 += 16) {
                int is = l0 / 16;
                ByteVector lo0 = ByteVector.fromMemorySegment(B128, data, ql + l0, ByteOrder.LITTLE_ENDIAN);
                ByteVector lo1 = ByteVector.fromMemorySegment(B128, data, ql + l0 + 32, ByteOrder.LITTLE_ENDIAN);
                ByteVector h = ByteVector.fromMemorySegment(B128, data, qh + l0, ByteOrder.LITTLE_ENDIAN);
                ByteVector q1 = lo0.and((byte) 0x0F).or(h.and((byte) 3).lanewise(VectorOperators.LSHL, 4));
                ByteVector q2 = lo1.and((byte) 0x0F).or(h.lanewise(VectorOperators.LSHR, 2).and((byte) 3).lanewise(VectorOperators.LSHL, 4));
                ByteVector q3 = lo0.lanewise(VectorOperators.LSHR, 4).or(h.lanewise(VectorOperators.LSHR, 4).and((byte) 3).lanewise(VectorOperators.LSHL, 4));
                ByteVector q4 = lo1.lanewise(VectorOperators.LSHR, 4).or(h.lanewise(VectorOperators.LSHR, 6).lanewise(VectorOperators.LSHL, 4));
                store(q1.sub((byte) 32), d * s8(sc + is), out, at + n + l0);
                store(q2.sub((byte) 32), d * s8(sc + is + 2), out, at + n + 32 + l0);
                store(q3.sub((byte) 32), d * s8(sc + is + 4), out, at + n + 64 + l0);
                store(q4.sub((byte) 32), d * s8(sc + is + 6), out, at + n + 96 + l0);
            }
            ql += 64;
            qh += 32;
            sc += 8;
        }
    }

    /** {@code out[at .. at+16) = scale * q}, lane by lane. */
    private static void store(ByteVector q, float scale, float[] out, int at) {
        int l = F.length();
        for (int p = 0; p < 16 / l; p++) ((FloatVector) q.castShape(F, p)).mul(scale).intoArray(out, at + p * l);
    }

    private int u8(long at) { return data.get(ValueLayout.JAVA_BYTE, at) & 0xFF; }

    private int s8(long at) { return data.get(ValueLayout.JAVA_BYTE, at); }
}
