package dev.tpop.eval.decode;

/**
 * Linear Alignment (LA): {@code s(v) = log p_pref(v) + ratio (log p_pref(v) - log p_plain(v))}.
 *
 * <p>The Amulet code applies the same formula to raw logits; logits and log-probabilities differ by
 * one constant per distribution, so the argmax, and hence the greedy answer, is the same. Ratio 2.0 is
 * the Amulet code's default; ratio 0 is exactly Pref.
 */
public record LinearAlignment(double ratio) implements TokenRule {
    public static final double DEFAULT_RATIO = 2.0;

    public LinearAlignment {
        if (!Double.isFinite(ratio)) throw new IllegalArgumentException("LA ratio must be finite, got " + ratio);
    }

    @Override
    public double[] scores(double[] pref, double[] plain) {
        double[] s = new double[pref.length];
        for (int i = 0; i < s.length; i++) s[i] = pref[i] + ratio * (pref[i] - plain[i]);
        return s;
    }
}
