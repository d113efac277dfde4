package dev.tpop.eval.report;

import java.util.Arrays;

/**
 * One series of a learning curve: held-out score per round, with an optional spread (one standard
 * deviation over seeds) drawn as error bars.
 *
 * @param spread null when there is a single run
 */
public record Curve(String name, double[] rounds, double[] scores, double[] spread) {
    public Curve {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a curve needs a name");
        if (rounds.length != scores.length || rounds.length == 0) {
            throw new IllegalArgumentException(name + ": need as many rounds as scores, at least one (" + rounds.length + " vs " + scores.length + ")");
        }
        if (spread != null && spread.length != scores.length) throw new IllegalArgumentException(name + ": spread length " + spread.length);
        rounds = rounds.clone();
        scores = scores.clone();
        spread = spread == null ? null : spread.clone();
    }

    /** Mean and standard deviation (n - 1) over seeds; {@code bySeed[s][i]} is seed s at round i. */
    public static Curve overSeeds(String name, double[] rounds, double[][] bySeed) {
        if (bySeed.length == 0) throw new IllegalArgumentException(name + ": no seeds");
        int n = rounds.length;
        double[] mean = new double[n], sd = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (double[] s : bySeed) sum += s[i];
            mean[i] = sum / bySeed.length;
            double sq = 0;
            for (double[] s : bySeed) sq += (s[i] - mean[i]) * (s[i] - mean[i]);
            sd[i] = bySeed.length > 1 ? Math.sqrt(sq / (bySeed.length - 1)) : 0;
        }
        return new Curve(name, rounds, mean, bySeed.length > 1 ? sd : null);
    }

    /** A constant score (e.g. the base model's greedy decoding) over [from, to]. */
    public static Curve horizontal(String name, double score, double from, double to) {
        return new Curve(name, new double[] {from, to}, new double[] {score, score}, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Curve c && name.equals(c.name) && Arrays.equals(rounds, c.rounds)
                && Arrays.equals(scores, c.scores) && Arrays.equals(spread, c.spread);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(scores);
    }

    @Override
    public String toString() {
        return "Curve[" + name + ", " + rounds.length + " points]";
    }
}
