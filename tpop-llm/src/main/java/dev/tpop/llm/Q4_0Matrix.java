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
 * Q4_0: blocks of 32 weights in 18 bytes: f16 scale {@code d}, then 16 bytes whose low nibbles are
 * weights 0..15 and high nibbles weights 16..31; {@code w = (q - 8) * d}.
 */
final class Q4_0Matrix extends WeightMatrix {
    private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;

    Q4_0Matrix(MemorySegment data, int rows, int cols) {
        super(data, rows, cols, GgmlType.Q4_0);
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        long base = row * rowBytes;
        int blocks = cols / 32;
        int l = F.length();
        for (int b = 0; b < blocks; b++) {
            long o = base + b * 18L;
            float d = f16(data, o);
            int at = offset + b * 32;
            if (VECTORIZE) {
                ByteVector q = ByteVector.fromMemorySegment(B128, data, o + 2, ByteOrder.LITTLE_ENDIAN);
                ByteVector lo = q.and((byte) 0x0F).sub((byte) 8);
                ByteVector hi = q.lanewise(VectorOperators.LSHR, 4).sub((byte) 8);
                for (int p = 0; p < 16 / l; p++) {
                    ((FloatVector) lo.castShape(F, p)).mul(d).intoArray(out, at + p * l);
                    ((FloatVector) hi.castShape(F, p)).mul(d).intoArray(out, at + 16 + p * l);
                }
            } else {
                for (int j = 0; j < 16; j++) {
                    int q = data.get(ValueLayout.JAVA_BYTE, o + 2 + j) & 0xFF;
                    out[at + j] = ((q & 0x0F) - 8) * d;
                    out[at + j + 16] = ((q >>> 4) - 8) * d;
                }
            }
        }
    }
}
