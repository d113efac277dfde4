package dev.tpop.core.backend;

/**
 * The k most probable next tokens of a full logit vector, with their log-probabilities normalized
 * over the whole vocabulary. Ties keep the lower token id first, which is what a plain argmax does,
 * so candidate 0 is always exactly the greedy token.
 */
public final class TopK {
    private TopK() {}

    public static NextTokens select(float[] logits, int k, float[] hidden) {
        int n = logits.length;
        k = Math.min(k, n);
        float max = Float.NEGATIVE_INFINITY;
        for (float x : logits) if (x > max) max = x;
        double sum = 0;
        for (float x : logits) sum += Math.exp(x - max);
        double logZ = max + Math.log(sum);
        if (k > 256) return selectBySorting(logits, k, logZ, hidden);
        // insertion into a small sorted buffer: k is tiny next to the vocabulary
        int[] ids = new int[k];
        float[] vals = new float[k];
        int filled = 0;
        for (int i = 0; i < n; i++) {
            float x = logits[i];
            if (filled == k && !(x > vals[k - 1])) continue;
            int pos = filled < k ? filled++ : k - 1;
            while (pos > 0 && x > vals[pos - 1]) {
                vals[pos] = vals[pos - 1];
                ids[pos] = ids[pos - 1];
                pos--;
            }
            vals[pos] = x;
            ids[pos] = i;
        }
        float[] logProbs = new float[k];
        for (int i = 0; i < k; i++) logProbs[i] = (float) (vals[i] - logZ);
        return new NextTokens(ids, logProbs, hidden);
    }

    /** Large k (up to the whole vocabulary): a stable sort by decreasing logit. */
    private static NextTokens selectBySorting(float[] logits, int k, double logZ, float[] hidden) {
        Integer[] order = new Integer[logits.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Float.compare(logits[b], logits[a]));
        int[] ids = new int[k];
        float[] logProbs = new float[k];
        for (int i = 0; i < k; i++) {
            ids[i] = order[i];
            logProbs[i] = (float) (logits[order[i]] - logZ);
        }
        return new NextTokens(ids, logProbs, hidden);
    }
}
