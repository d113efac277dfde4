package dev.tpop.llm.gguf;

/**
 * One entry of a GGUF tensor table. {@code shape[0]} is the fastest-moving dimension (GGML order),
 * so a weight matrix of {@code rows x cols} is stored with shape {@code [cols, rows]}.
 */
public record GgufTensorInfo(String name, long[] shape, GgmlType type, long offset) {
    public long elementCount() {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }

    public long byteSize() {
        return type.bytesFor(elementCount());
    }
}
