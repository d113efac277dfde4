package dev.tpop.llm;

import dev.tpop.llm.gguf.GgmlType;
import java.lang.foreign.MemorySegment;

/** IEEE half-precision weights; a scalar decode suffices for these rarely used files. */
final class F16Matrix extends WeightMatrix {
    F16Matrix(MemorySegment data, int rows, int cols) {
        super(data, rows, cols, GgmlType.F16);
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        long base = row * rowBytes;
        for (int j = 0; j < cols; j++) out[offset + j] = f16(data, base + 2L * j);
    }
}
