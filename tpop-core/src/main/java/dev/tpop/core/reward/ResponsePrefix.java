package dev.tpop.core.reward;

import java.util.Arrays;

/**
 * What a featurizer may look at when scoring the candidates of one arm at one position: the query
 * and the response tokens chosen so far (token ids, never re-tokenized text).
 *
 * @param query          the user's query x
 * @param responseTokens y_&lt;p, the tokens this arm has emitted so far
 * @param hidden         the base model's final hidden state at this position, or {@code null}
 *                       when the backend does not expose it
 */
public record ResponsePrefix(String query, int[] responseTokens, float[] hidden) {
    public ResponsePrefix {
        responseTokens = responseTokens == null ? new int[0] : responseTokens;
    }

    /** The prefix extended by one candidate token. */
    public int[] extendedBy(int candidate) {
        int[] out = Arrays.copyOf(responseTokens, responseTokens.length + 1);
        out[responseTokens.length] = candidate;
        return out;
    }
}
