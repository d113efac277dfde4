package dev.tpop.eval.user;

/**
 * Prefers the more positive, encouraging answer: {@code score} = the mean VADER compound score
 * ({@link VaderSentiment}) of the response's sentences ({@link TextStats#sentences}), in [-1, 1].
 *
 * <p>Why per sentence: VADER's compound saturates towards 1 as positive words add up, so on whole
 * multi-sentence answers any mildly positive text would score about 1 and the user could no longer
 * tell answers apart; its authors also recommend sentence-level use. Why VADER at all: see
 * {@link VaderSentiment}.
 */
public final class UpliftingUser extends BtlSimulatedUser {
    public UpliftingUser(double temperature, long seed) {
        super("uplifting", temperature, seed);
    }

    @Override
    public double score(String query, String response) {
        return TextStats.meanSentenceSentiment(response);
    }
}
