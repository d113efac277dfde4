package dev.tpop.eval.simulate;

import java.util.List;

/**
 * Everything a simulate run measured, as written to its results JSON.
 *
 * @param baseScore       mean held-out score of the base model's greedy decoding
 * @param checkpoints     held-out score of the personalized exploit arm after each checkpoint's rounds
 * @param preferenceCounts how often the simulated user chose exploit, explore, tie, both-bad
 */
public record SimulationResult(
        String model,
        String attribute,
        String promptSource,
        int trainPrompts,
        int heldOutPrompts,
        int rounds,
        long seed,
        double userTemperature,
        Object config,
        double baseScore,
        List<Checkpoint> checkpoints,
        java.util.Map<String, Integer> preferenceCounts,
        List<Example> examples,
        String startedAt,
        double seconds) {

    /**
     * Held-out score after {@code round} rounds; {@code scores} are per held-out prompt;
     * {@code meanRepetition} is the mean share of repeated word 3-grams (degeneration shows here).
     */
    public record Checkpoint(int round, double meanScore, double standardError, List<Double> scores, double meanWords,
                             double meanRepetition) {}

    /** One held-out prompt answered by the base model and by the personalized exploit arm at the end. */
    public record Example(String query, String base, String personalized, double baseScore, double personalizedScore) {}

    public Checkpoint last() {
        return checkpoints.get(checkpoints.size() - 1);
    }
}
