package dev.tpop.llm;

import java.util.Arrays;

/**
 * One token sequence being decoded: its key/value cache, per layer, for positions {@code 0..length)}.
 * The cache grows on demand up to {@link #maxLength()}, so many short sequences stay cheap;
 * {@link #fork()} copies it so that two continuations can share one prompt prefill.
 * Not thread-safe; a sequence belongs to one {@link LlamaModel}.
 */
public final class Sequence {
    final LlamaModel model;
    private final int maxLength;
    private final int kvDim;
    float[][] keys;
    float[][] values;
    private int length;

    Sequence(LlamaModel model, int maxLength) {
        this.model = model;
        this.maxLength = maxLength;
        this.kvDim = model.config().kvDim();
        int layers = model.config().layers();
        int initial = Math.min(maxLength, 64);
        keys = new float[layers][initial * kvDim];
        values = new float[layers][initial * kvDim];
    }

    /** Tokens seen so far (prompt plus generated). */
    public int length() { return length; }

    public int maxLength() { return maxLength; }

    /** An independent copy: same tokens so far, its own cache from here on. */
    public Sequence fork() {
        Sequence s = new Sequence(model, maxLength);
        int used = length * kvDim;
        for (int l = 0; l < keys.length; l++) {
            s.keys[l] = Arrays.copyOf(keys[l], Math.max(used, s.keys[l].length));
            s.values[l] = Arrays.copyOf(values[l], Math.max(used, s.values[l].length));
        }
        s.length = length;
        return s;
    }

    /** Checks that {@code n} more tokens fit, and makes room for them in the cache. */
    void reserve(int n) {
        if (length + n > maxLength) {
            throw new IllegalArgumentException("sequence of length " + length + " cannot take " + n
                    + " more token(s): its maxLength is " + maxLength);
        }
        int need = (length + n) * kvDim;
        if (need > keys[0].length) {
            int cap = Math.min(maxLength * kvDim, Math.max(need, keys[0].length * 2));
            for (int l = 0; l < keys.length; l++) {
                keys[l] = Arrays.copyOf(keys[l], cap);
                values[l] = Arrays.copyOf(values[l], cap);
            }
        }
    }

    void advance(int n) { length += n; }
}
