package dev.tpop.bench.jmh;

import dev.tpop.llm.WeightMatrix;
import dev.tpop.llm.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;

/**
 * Random packed matrices for the microbenchmarks: valid GGML blocks (finite f16 scales in the first
 * bytes of each block, random quants after), so the kernels do exactly the work they do on a model.
 */
final class Weights {
    private Weights() {}

    static WeightMatrix random(GgmlType type, int rows, int cols, long seed) {
        long bytes = type.bytesFor((long) rows * cols);
        byte[] data = new byte[Math.toIntExact(bytes)];
        SplittableRandom random = new SplittableRandom(seed);
        random.nextBytes(data);
        int blocks = data.length / type.typeSize;
        int scales = type == GgmlType.Q4_1 ? 2 : 1; // Q4_1 keeps d and m, Q8_0 and Q4_0 keep d
        for (int b = 0; b < blocks; b++) {
            for (int s = 0; s < scales; s++) {
                short half = Float.floatToFloat16((float) (random.nextDouble(-0.01, 0.01)));
                int at = b * type.typeSize + 2 * s;
                data[at] = (byte) half;
                data[at + 1] = (byte) (half >> 8);
            }
        }
        return WeightMatrix.of(type, MemorySegment.ofArray(data), rows, cols, "jmh-" + type);
    }

    static float[] vector(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) random.nextDouble(-1, 1);
        return v;
    }
}
