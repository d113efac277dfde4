package dev.tpop.eval.decode;

/**
 * Amulet's per-token online-optimization game (Zhang et al., ICLR 2025, arXiv 2502.19148), as in the
 * authors' code ({@code amulet_game}): starting from the preference-prompt policy {@code pi_0}, for
 * t = 1..T
 * <pre>
 *   Q_t      = alpha (log pi_{t-1} - log p_plain)
 *   log pi_t = (lambda log pi_0 + (1/t) sum_{i<=t} Q_i + log pi_{t-1} / (eta t)) / (lambda + 1/(eta t))
 * </pre>
 * with {@code log pi_t} re-normalized (log-softmax) after every step but the last, which only feeds the
 * argmax. Every iterate stays of the form {@code log pi_0 + c_t (log pi_0 - log p_plain) + const}, so the
 * game is Linear Alignment with ratio {@code c_T}: about 4.65 for T = 60, alpha = lambda = 2, eta = 10
 * ({@link #equivalentRatio()}; a test checks both).
 */
public record AmuletGame(int iterations, double alpha, double lambda, double eta) implements TokenRule {
    public static AmuletGame defaults() {
        return new AmuletGame(60, 2.0, 2.0, 10.0);
    }

    public AmuletGame {
        if (iterations < 1) throw new IllegalArgumentException("Amulet needs >= 1 iteration, got " + iterations);
        if (!(lambda > 0) || !(eta > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("Amulet needs lambda > 0, eta > 0 and a finite alpha");
        }
    }

    @Override
    public double[] scores(double[] pref, double[] plain) {
        int n = pref.length;
        double[] player = pref.clone();
        double[] qSum = new double[n];
        for (int t = 1; t <= iterations; t++) {
            double memory = 1.0 / (eta * t);
            for (int i = 0; i < n; i++) qSum[i] += alpha * (player[i] - plain[i]);
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                next[i] = (lambda * pref[i] + qSum[i] / t + player[i] * memory) / (lambda + memory);
            }
            player = t == iterations ? next : LogProbs.logSoftmax(next);
        }
        return player;
    }

    /** The LA ratio c_T this game equals: c_0 = 0, c_t = ((1/t) sum_{i<=t} alpha (1 + c_{i-1}) + c_{t-1}/(eta t)) / (lambda + 1/(eta t)). */
    public double equivalentRatio() {
        double c = 0, qSum = 0;
        for (int t = 1; t <= iterations; t++) {
            double memory = 1.0 / (eta * t);
            qSum += alpha * (1 + c);
            c = (qSum / t + c * memory) / (lambda + memory);
        }
        return c;
    }
}
