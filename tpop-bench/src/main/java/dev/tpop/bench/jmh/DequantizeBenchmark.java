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
 * Decoding one packed row (576 weights) into floats: the inner step of every product, so its cost
 * per row times the rows of a forward pass bounds how fast the engine can be on one core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DequantizeBenchmark {
    @Param({"Q4_0", "Q4_1", "Q8_0"})
    public String type;

    private WeightMatrix matrix;
    private float[] row;
    private int next;

    @Setup
    public void setUp() {
        matrix = Weights.random(GgmlType.valueOf(type), 256, 576, 3);
        row = new float[576];
    }

    @Benchmark
    public float[] dequantizeRow() {
        matrix.dequantizeRow(next = (next + 1) & 255, row, 0);
        return row;
    }
}
