package dev.tpop.llm;

import dev.tpop.llm.gguf.GgmlType;
import dev.tpop.llm.gguf.GgufException;
import dev.tpop.llm.gguf.GgufFile;
import dev.tpop.llm.gguf.GgufTensorInfo;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A weight matrix of {@code rows x cols} that stays packed in the memory-mapped GGUF file.
 *
 * <p>Why packed: decoding a small model is bound by how many bytes of weights stream from memory per
 * token, and a Q4_1 matrix is ~6x smaller than its float copy. Each subclass knows one GGML block
 * layout and only implements {@link #dequantizeRow}: a vectorized decode of one row into a small
 * float scratch that stays in L1. Every product is then "decode the row once, dot it with each input
 * vector" ({@link #matmul}). That is what makes the batched step weight-stationary (the row is read
 * from memory once for all sequences) and it makes a batch of one bit-for-bit equal to a batch of
 * many, because each input sees exactly the same arithmetic.
 */
public abstract class WeightMatrix {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Vector paths need whole byte-to-float casts of 16 bytes; wider float vectors fall back to scalar. */
    static final boolean VECTORIZE = F.length() <= 16 && F.length() >= 4;

    final MemorySegment data;
    final int rows;
    final int cols;
    final long rowBytes;
    private final GgmlType type;

    /** A row is a whole number of the type's blocks; {@link GgmlType#bytesFor} refuses anything else. */
    WeightMatrix(MemorySegment data, int rows, int cols, GgmlType type) {
        this.data = data;
        this.rows = rows;
        this.cols = cols;
        this.rowBytes = type.bytesFor(cols);
        this.type = type;
    }

    public final int rows() { return rows; }

    public final int cols() { return cols; }

    public final GgmlType type() { return type; }

    /** Decodes row {@code row} into {@code out[offset .. offset+cols)}. */
    public abstract void dequantizeRow(int row, float[] out, int offset);

    /** Dot product of row {@code row} with {@code x[0..cols)}; same arithmetic as {@link #matmul}. */
    public float dot(int row, float[] x) {
        float[] tmp = new float[cols];
        dequantizeRow(row, tmp, 0);
        return dot(tmp, x, cols);
    }

    /** Wraps a GGUF tensor of shape {@code [cols, rows]} (GGML order) without copying it. */
    public static WeightMatrix of(GgufFile gguf, GgufTensorInfo info) {
        long[] s = info.shape();
        long cols = s[0];
        long rows = 1;
        for (int i = 1; i < s.length; i++) rows *= s[i];
        if (rows > Integer.MAX_VALUE || cols > Integer.MAX_VALUE) {
            throw new GgufException("tensor '" + info.name() + "' is too large");
        }
        if (cols % info.type().blockSize != 0) {
            throw new GgufException("tensor '" + info.name() + "': row length " + cols
                    + " is not a multiple of the " + info.type() + " block size " + info.type().blockSize);
        }
        return of(info.type(), gguf.tensorData(info), (int) rows, (int) cols, info.name());
    }

    /** Wraps raw GGML bytes (row-major blocks) as a matrix; {@code name} is only for error messages. */
    public static WeightMatrix of(GgmlType type, MemorySegment data, int rows, int cols, String name) {
        long rowBytes = type.bytesFor(cols);
        if (data.byteSize() < rowBytes * rows) {
            throw new GgufException("tensor '" + name + "' has " + data.byteSize() + " bytes, needs " + rowBytes * rows);
        }
        return switch (type) {
            case F32 -> new F32Matrix(data, rows, cols);
            case F16 -> new F16Matrix(data, rows, cols);
            case BF16 -> new BF16Matrix(data, rows, cols);
            case Q4_0 -> new Q4_0Matrix(data, rows, cols);
            case Q4_1 -> new Q4_1Matrix(data, rows, cols);
            case Q5_0 -> new Q5_0Matrix(data, rows, cols);
            case Q8_0 -> new Q8_0Matrix(data, rows, cols);
            case Q4_K -> new Q4_KMatrix(data, rows, cols);
            case Q6_K -> new Q6_KMatrix(data, rows, cols);
            default -> throw new GgufException("tensor '" + name + "' has type " + type
                    + ", which tpop cannot compute with (supported: F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q8_0, Q4_K, Q6_K)");
        };
    }

    /**
     * {@code out[b][r] = row(r) . in[b]} for every input {@code b < n}: rows are split over the cores,
     * and each row is decoded once and then dotted with all {@code n} inputs.
     */
    public final void matmul(float[][] in, float[][] out, int n) {
        matmulAll(new WeightMatrix[] {this}, in, new float[][][] {out}, n);
    }

    /**
     * Several matrices applied to the same inputs (Q/K/V, or gate/up) in one parallel region, so the
     * cores synchronize once instead of once per matrix.
     */
    public static void matmulAll(WeightMatrix[] ms, float[][] in, float[][][] outs, int n) {
        int threads = Parallel.threads();
        int totalRows = 0;
        for (WeightMatrix m : ms) totalRows += m.rows;
        // Enough chunks to balance the cores, few enough that each chunk is a sizeable piece of work.
        int chunkRows = Math.max(8, totalRows / (threads * 8));
        int[] chunkMatrix = new int[totalRows / chunkRows + ms.length + 1];
        int[] chunkStart = new int[chunkMatrix.length];
        int chunks = 0;
        for (int mi = 0; mi < ms.length; mi++) {
            for (int r = 0; r < ms[mi].rows; r += chunkRows) {
                chunkMatrix[chunks] = mi;
                chunkStart[chunks++] = r;
            }
        }
        final int cr = chunkRows;
        Parallel.forEach(chunks, c -> {
            WeightMatrix m = ms[chunkMatrix[c]];
            float[][] out = outs[chunkMatrix[c]];
            float[] w = new float[m.cols];
            int end = Math.min(m.rows, chunkStart[c] + cr);
            for (int r = chunkStart[c]; r < end; r++) {
                m.dequantizeRow(r, w, 0);
                for (int b = 0; b < n; b++) out[b][r] = dot(w, in[b], m.cols);
            }
        });
    }

    /** Vectorized float dot product of {@code a[0..n)} and {@code b[0..n)}, four accumulators for ILP. */
    static float dot(float[] a, float[] b, int n) {
        return dot(a, 0, b, 0, n);
    }

    /** Vectorized float dot product of {@code a[ao..ao+n)} and {@code b[bo..bo+n)}. */
    static float dot(float[] a, int ao, float[] b, int bo, int n) {
        int l = F.length();
        int i = 0;
        float sum = 0f;
        if (n >= 4 * l) {
            FloatVector s0 = FloatVector.zero(F), s1 = FloatVector.zero(F), s2 = FloatVector.zero(F), s3 = FloatVector.zero(F);
            int bound = n - n % (4 * l);
            for (; i < bound; i += 4 * l) {
                s0 = FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), s0);
                s1 = FloatVector.fromArray(F, a, ao + i + l).fma(FloatVector.fromArray(F, b, bo + i + l), s1);
                s2 = FloatVector.fromArray(F, a, ao + i + 2 * l).fma(FloatVector.fromArray(F, b, bo + i + 2 * l), s2);
                s3 = FloatVector.fromArray(F, a, ao + i + 3 * l).fma(FloatVector.fromArray(F, b, bo + i + 3 * l), s3);
            }
            sum = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) sum += a[ao + i] * b[bo + i];
        return sum;
    }

    static float f16(MemorySegment seg, long offset) {
        return Float.float16ToFloat(seg.get(I16, offset));
    }

    /** Parallel loops over the common ForkJoin pool (its workers plus the calling thread). */
    static final class Parallel {
        private Parallel() {}

        static int threads() { return Runtime.getRuntime().availableProcessors(); }

        static void forEach(int n, java.util.function.IntConsumer body) {
            if (n == 1 || threads() == 1) {
                for (int i = 0; i < n; i++) body.accept(i);
            } else {
                IntStream.range(0, n).parallel().forEach(body);
            }
        }
    }
}
