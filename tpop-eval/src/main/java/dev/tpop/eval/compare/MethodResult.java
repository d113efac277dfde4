package dev.tpop.eval.compare;

import java.util.List;
import java.util.Map;

/**
 * One finished cell of an evaluation: one method's answers to every held-out prompt for one
 * attribute (and, for T-POP, one seed), scored. Persisted as JSON so a rerun skips it.
 *
 * @param texts       answers in held-out prompt order (the final checkpoint's for T-POP)
 * @param scores      the attribute's noise-free score of each answer
 * @param repetition  mean 3-gram repetition rate of the answers ({@link Repetition})
 * @param checkpoints T-POP only: held-out results after each number of rounds in the sweep; else empty
 * @param preferenceCounts T-POP only: the simulated user's choices during learning; else empty
 */
public record MethodResult(String model, String attribute, String method, long seed, List<String> heldOut,
                           List<String> texts, List<Double> scores, double meanScore, double repetition,
                           List<Checkpoint> checkpoints, Map<String, Integer> preferenceCounts, double seconds) {

    /** Held-out answers after {@code round} rounds of feedback. */
    public record Checkpoint(int round, List<String> texts, List<Double> scores, double meanScore, double repetition) {}

    public static double mean(List<Double> xs) {
        double s = 0;
        for (double x : xs) s += x;
        return xs.isEmpty() ? Double.NaN : s / xs.size();
    }
}
