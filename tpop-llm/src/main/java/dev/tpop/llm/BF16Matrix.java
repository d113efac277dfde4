package dev.tpop.llm;

import dev.tpop.llm.gguf.GgmlType;
import java.lang.foreign.MemorySegment;

/** bfloat16 weights: the top 16 bits of an IEEE float, so decoding is a shift. */
final class BF16Matrix extends WeightMatrix {
    BF16Matrix(MemorySegment data, int rows, int cols) {
        super(data, rows, cols, GgmlType.BF16);
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        long base = row * rowBytes;
        for (int j = 0; j < cols; j++) out[offset + j] = Float.intBitsToFloat(data.get(I16, base + 2L * j) << 16);
    }
}
