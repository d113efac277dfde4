package dev.tpop.llm;

import dev.tpop.llm.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Q8_0: blocks of 32 weights in 34 bytes: f16 scale {@code d}, then 32 signed bytes; {@code w = q * d}.
 * The default model's token embedding (and so its tied LM head, the largest matrix) is Q8_0, so this
 * decode is vectorized.
 */
final class Q8_0Matrix extends WeightMatrix {
    private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;

    Q8_0Matrix(MemorySegment data, int rows, int cols) {
        super(data, rows, cols, GgmlType.Q8_0);
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        long base = row * rowBytes;
        int blocks = cols / 32;
        int l = F.length();
        for (int b = 0; b < blocks; b++) {
            long o = base + b * 34L;
            float d = f16(data, o);
            int at = offset + b * 32;
            if (VECTORIZE) {
                for (int half = 0; half < 2; half++) {
                    ByteVector q = ByteVector.fromMemorySegment(B128, data, o + 2 + half * 16, ByteOrder.LITTLE_ENDIAN);
                    for (int p = 0; p < 16 / l; p++) {
                        ((FloatVector) q.castShape(F, p)).mul(d).intoArray(out, at + half * 16 + p * l);
                    }
                }
            } else {
                for (int j = 0; j < 32; j++) out[at + j] = data.get(ValueLayout.JAVA_BYTE, o + 2 + j) * d;
            }
        }
    }
}
