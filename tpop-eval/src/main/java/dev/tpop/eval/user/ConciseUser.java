package dev.tpop.eval.user;

/**
 * Prefers the shorter answer: {@code score = -ln(1 + words)}, words = {@link TextStats#wordCount}
 * (whitespace-separated tokens).
 *
 * <p>Why the log: a 10-word difference matters between 20 and 30 words but hardly between 300 and
 * 310, so the temperature means "relative length difference". At temperature 1, a response half as
 * long as the other is preferred with probability about 2/3.
 */
public final class ConciseUser extends BtlSimulatedUser {
    public ConciseUser(double temperature, long seed) {
        super("concise", temperature, seed);
    }

    @Override
    public double score(String query, String response) {
        return -Math.log1p(TextStats.wordCount(response));
    }
}
