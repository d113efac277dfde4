package dev.tpop.llm;

import dev.tpop.llm.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** F32 weights: decoding is a copy out of the mapped file. */
final class F32Matrix extends WeightMatrix {
    F32Matrix(MemorySegment data, int rows, int cols) {
        super(data, rows, cols, GgmlType.F32);
    }

    @Override
    public void dequantizeRow(int row, float[] out, int offset) {
        MemorySegment.copy(data, F32, row * rowBytes, out, offset, cols);
    }

    /** Copies a whole F32 tensor (norm weights are small and read on every token). */
    static float[] toArray(MemorySegment data) {
        return data.toArray(ValueLayout.JAVA_FLOAT.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN));
    }
}
