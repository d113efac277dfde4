package dev.tpop.core.backend;

/**
 * Several responses to one prompt decoded in lock-step (the two arms of a duel, or the beams of a
 * beam search). The prompt is processed once and shared; each {@link #advance} moves every live
 * sequence by one token in one batched model call, so nothing is recomputed per token.
 */
public interface DecodingBatch extends AutoCloseable {
    int size();

    /** Top-k next tokens of sequence {@code index} at its current position. */
    NextTokens next(int index);

    /**
     * Appends {@code tokens[i]} to sequence i; {@code tokens[i] < 0} leaves sequence i as it is
     * (it has finished). One model step for all advanced sequences.
     */
    void advance(int[] tokens);

    /**
     * The full next-token logit vector of sequence {@code index} (a fresh copy, length = the
     * vocabulary). Decoding rules that combine whole distributions (Linear Alignment, Amulet) need
     * every token, not the top-k; a remote backend that only returns top-k cannot offer this.
     */
    default float[] logits(int index) {
        throw new UnsupportedOperationException("this backend returns only the top-k next tokens, not full logits");
    }

    /** Replaces the sequences by copies of the given ones (beam search re-selects beams this way). */
    default void reorder(int[] sourceIndices) {
        throw new UnsupportedOperationException("this backend cannot reorder sequences");
    }

    @Override
    void close();
}
