package dev.tpop.llm.gguf;

/**
 * Tensor element types of GGML, with their on-disk block geometry. Only the ids matter for reading
 * the tensor table; {@link #supported()} says which ones our engine can compute with.
 */
public enum GgmlType {
    F32(0, 1, 4), F16(1, 1, 2), Q4_0(2, 32, 18), Q4_1(3, 32, 20),
    Q5_0(6, 32, 22), Q5_1(7, 32, 24), Q8_0(8, 32, 34), Q8_1(9, 32, 36),
    Q2_K(10, 256, 84), Q3_K(11, 256, 110), Q4_K(12, 256, 144), Q5_K(13, 256, 176),
    Q6_K(14, 256, 210), Q8_K(15, 256, 292), BF16(30, 1, 2);

    public final int id;
    /** Elements per block. */
    public final int blockSize;
    /** Bytes per block. */
    public final int typeSize;

    GgmlType(int id, int blockSize, int typeSize) {
        this.id = id;
        this.blockSize = blockSize;
        this.typeSize = typeSize;
    }

    public long bytesFor(long elements) {
        if (elements % blockSize != 0) {
            throw new GgufException("tensor of " + elements + " elements is not a whole number of " + name() + " blocks");
        }
        return elements / blockSize * typeSize;
    }

    public boolean supported() {
        return switch (this) {
            case F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q8_0, Q4_K, Q6_K -> true;
            default -> false;
        };
    }

    public static GgmlType ofId(int id, String tensorName) {
        for (GgmlType t : values()) {
            if (t.id == id) return t;
        }
        throw new GgufException("tensor '" + tensorName + "' has GGML type id " + id
                + ", which tpop does not support (supported: F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q8_0, Q4_K, Q6_K)");
    }
}
