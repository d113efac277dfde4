package dev.tpop.core.reward;

/**
 * One labelled round for the BTL loss: phi(x, y) of both responses and the label l (1: the first
 * response preferred, 0: the second, 1/2: a tie).
 */
public record Comparison(float[] first, float[] second, double label) {
    public Comparison {
        if (!(label >= 0 && label <= 1)) throw new IllegalArgumentException("label must be in [0, 1], got " + label);
        if (first.length != second.length) throw new IllegalArgumentException("both responses need features of one length");
    }
}
