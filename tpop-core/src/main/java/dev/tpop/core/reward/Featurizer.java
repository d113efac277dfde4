package dev.tpop.core.reward;

/**
 * phi(x, y): turns a query and a (partial) response into the input vector of the reward network.
 *
 * <p>The dueling decoder asks for the features of all k candidates of an arm at once, because
 * batching is what keeps an expensive featurizer (a text encoder) affordable per token. The features
 * of the candidate that was chosen are recorded along the way; they are the training features of the
 * finished response, so a response is never featurized twice.
 */
public interface Featurizer {
    /** Length of every feature vector. */
    int dimension();

    Aggregation aggregation();

    /** {@code phi(x, [y_<p, v])} for each candidate v, one row per candidate, each of {@link #dimension()}. */
    float[][] candidateFeatures(ResponsePrefix prefix, int[] candidateTokenIds);

    /**
     * Whether {@link #candidateFeatures} reads {@link ResponsePrefix#responseTokens()}. A featurizer
     * that does not (the base one reads only the hidden state) spares the decoder a copy of the
     * answer so far at every position.
     */
    default boolean readsResponseTokens() {
        return true;
    }

    /** A short name for configs, logs and saved state (a state is only valid with the featurizer that made it). */
    String name();
}
