package dev.tpop.bench.jmh;

import dev.tpop.llm.WeightMatrix;
import dev.tpop.llm.gguf.GgmlType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's matrix-vector products at SmolLM2-135M's shapes (576 -> 1536 feed-forward, 576 -> 576
 * attention), for one input and for two (a pair's batched step). Why here: the forward pass is
 * nearly all of a token's time, and this says how much of it is the kernel itself (compare the
 * bytes streamed per call with the machine's memory bandwidth) rather than everything around it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MatVecBenchmark {
    @Param({"Q4_1", "Q8_0"})
    public String type;

    @Param({"576x576", "1536x576"})
    public String shape;

    @Param({"1", "2"})
    public int inputs;

    private WeightMatrix matrix;
    private float[][] in;
    private float[][] out;

    @Setup
    public void setUp() {
        String[] rc = shape.split("x");
        int rows = Integer.parseInt(rc[0]), cols = Integer.parseInt(rc[1]);
        matrix = Weights.random(GgmlType.valueOf(type), rows, cols, 1);
        in = new float[inputs][];
        for (int i = 0; i < inputs; i++) in[i] = Weights.vector(cols, 2 + i);
        out = new float[inputs][rows];
    }

    @Benchmark
    public float[][] matmul() {
        matrix.matmul(in, out, inputs);
        return out;
    }
}
