package dev.tpop.eval.decode;

/** Log-softmax, argmax and nucleus over full vocabulary vectors; doubles so 60 Amulet steps stay exact. */
public final class LogProbs {
    private LogProbs() {}

    public static double[] logSoftmax(float[] logits) {
        double[] x = new double[logits.length];
        for (int i = 0; i < x.length; i++) x[i] = logits[i];
        return logSoftmax(x);
    }

    public static double[] logSoftmax(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) if (v > max) max = v;
        double sum = 0;
        for (double v : x) sum += Math.exp(v - max);
        double logZ = max + Math.log(sum);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = x[i] - logZ;
        return out;
    }

    /** Index of the largest value, the lowest index on ties (what a plain argmax does). */
    public static int argmax(double[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
        return best;
    }

    /** Like {@link #argmax(double[])} but only over indices where {@code allowed} is true. */
    public static int argmax(double[] x, boolean[] allowed) {
        int best = -1;
        for (int i = 0; i < x.length; i++) if (allowed[i] && (best < 0 || x[i] > x[best])) best = i;
        return best;
    }

    /**
     * The top-p nucleus of a distribution given as log-probabilities: the smallest set of most probable
     * tokens whose mass reaches {@code p} (always at least the most probable token).
     */
    public static boolean[] nucleus(double[] logProbs, double p) {
        int n = logProbs.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(logProbs[b], logProbs[a]));
        boolean[] in = new boolean[n];
        double mass = 0;
        for (int i = 0; i < n && (i == 0 || mass < p); i++) {
            in[order[i]] = true;
            mass += Math.exp(logProbs[order[i]]);
        }
        return in;
    }
}
