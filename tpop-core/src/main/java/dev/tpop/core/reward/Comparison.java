package dev.tpop.core.reward;

/**
 * One labelled round for the BTL loss: the features of both responses (one row per position for
 * {@link Aggregation#SUM_OVER_TOKENS}, the last row is used for {@link Aggregation#LAST_PREFIX})
 * and the label l (1: the first response preferred, 0: the second, 1/2: a tie).
 */
public record Comparison(float[][] first, float[][] second, double label) {
    public Comparison {
        if (!(label >= 0 && label <= 1)) throw new IllegalArgumentException("label must be in [0, 1], got " + label);
        if (first.length == 0 || second.length == 0) throw new IllegalArgumentException("a response needs at least one feature row");
    }
}
