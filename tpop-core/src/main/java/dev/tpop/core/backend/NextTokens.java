package dev.tpop.core.backend;

/**
 * The base model's view of one arm at one position: its top-k next tokens, best first.
 *
 * <p>Only the top-k are carried because that is all T-POP re-ranks and all a remote server returns.
 * {@code hidden} is the model's final hidden state at this position when the backend can expose it
 * (the in-process engine can, an HTTP server cannot); featurizers that need it say so.
 *
 * @param tokenIds candidate token ids, sorted by decreasing log-probability
 * @param logProbs log pi_base(v | x, y_&lt;p) of each candidate, normalized over the whole vocabulary
 * @param hidden   final hidden state that produced these logits, or {@code null}
 */
public record NextTokens(int[] tokenIds, float[] logProbs, float[] hidden) {
    public NextTokens {
        if (tokenIds.length != logProbs.length || tokenIds.length == 0) {
            throw new IllegalArgumentException("need one log-probability per candidate and at least one candidate");
        }
    }

    public int size() {
        return tokenIds.length;
    }

    /** The base model's greedy choice. */
    public int greedyToken() {
        return tokenIds[0];
    }
}
