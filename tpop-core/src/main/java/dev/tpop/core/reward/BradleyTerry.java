package dev.tpop.core.reward;

/**
 * The Bradley-Terry-Luce preference likelihood, written to stay finite for any reward gap.
 *
 * <p>{@code log sigmoid(x)} is computed as {@code min(x, 0) - log1p(exp(-|x|))}, which neither
 * overflows for large |x| nor rounds to log(0) for very negative x, so a gap of -100 costs ~100
 * instead of infinity.
 */
public final class BradleyTerry {
    private BradleyTerry() {}

    public static double logSigmoid(double x) {
        return Math.min(x, 0.0) - Math.log1p(Math.exp(-Math.abs(x)));
    }

    public static double sigmoid(double x) {
        if (x >= 0) return 1.0 / (1.0 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** {@code -[l log sig(gap) + (1 - l) log sig(-gap)]} for {@code gap = r1 - r2}. */
    public static double loss(double gap, double label) {
        return -(label * logSigmoid(gap) + (1 - label) * logSigmoid(-gap));
    }

    /** d loss / d gap = sigmoid(gap) - l; bounded in [-1, 1]. */
    public static double lossGradient(double gap, double label) {
        return sigmoid(gap) - label;
    }
}
