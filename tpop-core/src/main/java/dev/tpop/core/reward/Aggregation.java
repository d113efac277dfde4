package dev.tpop.core.reward;

/**
 * How a featurizer's per-position features make up the reward's input for a whole (partial) response.
 *
 * <ul>
 *   <li>{@link #MEAN_OF_TOKENS}: the reward sees the mean of the response's per-token rows, followed
 *       by one flag: 1 if the response is complete (its last token ends a response), else 0. Token
 *       rows (the base model's hidden state plus the candidate's embedding) describe one step; their
 *       mean describes the answer so far, and the flag lets the reward tell "stop here" from "go on".
 *       This keeps the reward sequence-level, as in the paper, which is what makes length and
 *       ending preferences steerable token by token: a per-token <em>sum</em> would learn a
 *       length preference as a constant per-token penalty, which never changes which candidate wins.</li>
 *   <li>{@link #LAST_PREFIX}: features of the whole text (a sentence encoder) are the reward's input.</li>
 * </ul>
 */
public enum Aggregation {
    MEAN_OF_TOKENS,
    LAST_PREFIX;

    /** Length of the reward network's input for a featurizer of {@code featureDimension} values. */
    public int rewardInputs(int featureDimension) {
        return this == MEAN_OF_TOKENS ? featureDimension + 1 : featureDimension;
    }
}
