package dev.tpop.llm;

import dev.tpop.llm.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q5_0: blocks of 32 weights in 22 bytes: f16 scale {@code d}, a little-endian 32-bit word {@code qh}
 * holding the fifth (high) bit of every weight, then 16 bytes whose low nibbles are weights 0..15 and
 * high nibbles weights 16..31; {@code w = ((nibble | highBit << 4) - 16) * d}, as ggml's
 * {@code dequantize_row_q5_0}: bit {@code j} of {@code qh} belongs to weight {@code j}, bit
 * {@code j + 16} to weight {@code j + 16}.
 *
 * <p>The second model (Qwen2.5-Coder-0.5B) keeps most matrices and its token embedding in Q5_0, so the
 * decode is vectorized: the high bits become a lane mask ({@link VectorMask#fromLong}) that ORs 0x10
 * into the lanes whose bit is set.
 */
final class Q5_0Matrix extends WeightMatrix {
    private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    Q5_0Matrix(MemorySegment data, int rows, int cols) {
        super(data, rows, cols, GgmlType.Q5_0);
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        long base = row * rowBytes;
        int blocks = cols / 32;
        int l = F.length();
        for (int b = 0; b < blocks; b++) {
            long o = base + b * 22L;
            float d = f16(data, o);
            int qh = data.get(I32, o + 2);
            int at = offset + b * 32;
            if (VECTORIZE) {
                ByteVector q = ByteVector.fromMemorySegment(B128, data, o + 6, ByteOrder.LITTLE_ENDIAN);
                VectorMask<Byte> highLo = VectorMask.fromLong(B128, qh & 0xFFFF);
                VectorMask<Byte> highHi = VectorMask.fromLong(B128, qh >>> 16);
                ByteVector lo = q.and((byte) 0x0F).lanewise(VectorOperators.OR, (byte) 0x10, highLo).sub((byte) 16);
                ByteVector hi = q.lanewise(VectorOperators.LSHR, 4).lanewise(VectorOperators.OR, (byte) 0x10, highHi).sub((byte) 16);
                for (int p = 0; p < 16 / l; p++) {
                    ((FloatVector) lo.castShape(F, p)).mul(d).intoArray(out, at + p * l);
                    ((FloatVector) hi.castShape(F, p)).mul(d).intoArray(out, at + 16 + p * l);
                }
            } else {
                for (int j = 0; j < 16; j++) {
                    int q = data.get(ValueLayout.JAVA_BYTE, o + 6 + j) & 0xFF;
                    int x0 = (q & 0x0F) | ((qh >>> j) << 4 & 0x10);
                    int x1 = (q >>> 4) | ((qh >>> (j + 12)) & 0x10);
                    out[at + j] = (x0 - 16) * d;
                    out[at + j + 16] = (x1 - 16) * d;
                }
            }
        }
    }
}
