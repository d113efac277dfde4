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
 * Q4_1: blocks of 32 weights in 20 bytes: f16 scale {@code d}, f16 minimum {@code m}, then 16 bytes
 * whose low nibbles are weights 0..15 and high nibbles weights 16..31; {@code w = q * d + m}.
 * The default model's layer matrices are Q4_1, so this decode is vectorized.
 */
final class Q4_1Matrix extends WeightMatrix {
    private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;

    Q4_1Matrix(MemorySegment data, int rows, int cols) {
        super(data, rows, cols, GgmlType.Q4_1);
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        long base = row * rowBytes;
        int blocks = cols / 32;
        int l = F.length();
        for (int b = 0; b < blocks; b++) {
            long o = base + b * 20L;
            float d = f16(data, o);
            float m = f16(data, o + 2);
            int at = offset + b * 32;
            if (VECTORIZE) {
                ByteVector q = ByteVector.fromMemorySegment(B128, data, o + 4, ByteOrder.LITTLE_ENDIAN);
                ByteVector lo = q.and((byte) 0x0F);
                ByteVector hi = q.lanewise(VectorOperators.LSHR, 4);
                FloatVector dv = FloatVector.broadcast(F, d);
                FloatVector mv = FloatVector.broadcast(F, m);
                for (int p = 0; p < 16 / l; p++) {
                    ((FloatVector) lo.castShape(F, p)).fma(dv, mv).intoArray(out, at + p * l);
                    ((FloatVector) hi.castShape(F, p)).fma(dv, mv).intoArray(out, at + 16 + p * l);
                }
            } else {
                for (int j = 0; j < 16; j++) {
                    int q = data.get(ValueLayout.JAVA_BYTE, o + 4 + j) & 0xFF;
                    out[at + j] = (q & 0x0F) * d + m;
                    out[at + j + 16] = (q >>> 4) * d + m;
                }
            }
        }
    }
}
