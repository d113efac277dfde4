package dev.tpop.core.reward;

/**
 * How a featurizer's per-position features make up the reward of a whole response.
 *
 * <ul>
 *   <li>{@link #SUM_OVER_TOKENS}: {@code r(x, y) = sum_p f(phi(x, y_<=p))}. Token-local features
 *       (the base model's hidden state plus the candidate's embedding) describe one step, so a
 *       response is scored as the sum of its steps. The prefix sum is the same for every candidate
 *       at a position, so ranking candidates only needs the candidate's own term.</li>
 *   <li>{@link #LAST_PREFIX}: {@code r(x, y) = f(phi(x, y))}. Features of the whole text (a sentence
 *       encoder), so the reward of a partial response is the reward of its text so far.</li>
 * </ul>
 */
public enum Aggregation {
    SUM_OVER_TOKENS,
    LAST_PREFIX
}
