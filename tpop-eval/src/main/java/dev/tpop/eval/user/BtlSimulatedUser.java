package dev.tpop.eval.user;

import dev.tpop.core.duel.Preference;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * A simulated user whose choices follow the Bradley-Terry-Luce model the learner assumes:
 * {@code P(first) = sigmoid((score(a) - score(b)) / temperature)}.
 *
 * <p>Why BTL noise: real people are inconsistent on close calls and consistent on clear ones; BTL
 * noise has exactly that shape, and it matches the learner's likelihood, so a noisy run tests the
 * method under its own assumptions. The temperature is in the units of {@link #score}, which each
 * user documents. Temperature 0 is a noise-free user: the higher score wins and equal scores are a
 * {@link Preference#TIE}. With a positive temperature equal scores are a coin flip, never a tie.
 *
 * <p>Draws come from a seeded {@link RandomGenerator} (L64X128MixRandom), so a run is reproducible
 * from its seed; {@link #prefer} is synchronized so concurrent callers still see one sequence.
 * {@link Preference#BOTH_BAD} is never returned: a score defines no absolute "bad".
 *
 * <p>Choices follow the user's {@link #utility}, which is the attribute {@link #score} minus
 * {@value #DEGENERATION_WEIGHT} times the share of repeated word 3-grams: like a person (or the
 * GPT-4o judge of the papers), a simulated user never prefers a looping, degenerate answer just
 * because it happens to score well on one attribute (a word-count user would otherwise reward
 * "word word word" loops). {@link #score} stays the pure attribute judge; evaluations report the
 * repetition rate beside it.
 */
public abstract class BtlSimulatedUser implements SimulatedUser {
    private final String attribute;
    private final double temperature;
    private final RandomGenerator random;

    protected BtlSimulatedUser(String attribute, double temperature, long seed) {
        if (attribute == null || attribute.isBlank()) throw new IllegalArgumentException("attribute is missing");
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and >= 0, got " + temperature);
        }
        this.attribute = attribute;
        this.temperature = temperature;
        this.random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    }

    @Override
    public final String attribute() {
        return attribute;
    }

    public final double temperature() {
        return temperature;
    }

    /** Weight of the repetition penalty in {@link #utility}. */
    public static final double DEGENERATION_WEIGHT = 2.0;

    /** What this user's choices maximize: the attribute score, less a penalty for degenerate loops. */
    public final double utility(String query, String response) {
        return score(query, response) - DEGENERATION_WEIGHT * TextStats.repetitionRate(response, 3);
    }

    /** P(first preferred) under this user's noise; 0, 1/2 or 1 at temperature 0. */
    public final double probabilityFirst(String query, String a, String b) {
        double diff = utility(query, a) - utility(query, b);
        if (temperature == 0) return diff > 0 ? 1.0 : diff < 0 ? 0.0 : 0.5;
        return sigmoid(diff / temperature);
    }

    @Override
    public final Preference prefer(String query, String a, String b) {
        double diff = utility(query, a) - utility(query, b);
        if (temperature == 0) {
            return diff > 0 ? Preference.FIRST : diff < 0 ? Preference.SECOND : Preference.TIE;
        }
        double p = sigmoid(diff / temperature);
        double u;
        synchronized (random) {
            u = random.nextDouble();
        }
        return u < p ? Preference.FIRST : Preference.SECOND;
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1.0 / (1.0 + Math.exp(-z)) : Math.exp(z) / (1.0 + Math.exp(z));
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + attribute + ", T=" + temperature + "]";
    }
}
