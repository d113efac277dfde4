package dev.tpop.eval.user;

import java.util.Set;

/**
 * Prefers the more pleasant, courteous answer (a simple proxy):
 * {@code score = meanSentenceSentiment + 0.5 * min(1, politenessMarkers / sentences)}, the first term
 * as in {@link UpliftingUser}, markers from a fixed list ("please", "thank you", "glad", "happy to",
 * "hope this helps", ...). Unlike "uplifting" it also rewards courtesy, not only positive content.
 */
public final class PleasantUser extends BtlSimulatedUser {
    private static final Set<String> POLITE = Set.of(
            "please", "thank you", "thanks", "glad", "happy to", "hope this helps", "you're welcome", "kindly",
            "i appreciate", "my pleasure", "feel free");

    public PleasantUser(double temperature, long seed) {
        super("pleasant", temperature, seed);
    }

    @Override
    public double score(String query, String response) {
        int sentences = Math.max(1, TextStats.sentences(response).size());
        double courtesy = Math.min(1.0, TextStats.countPhrases(response, POLITE) / (double) sentences);
        return TextStats.meanSentenceSentiment(response) + 0.5 * courtesy;
    }
}
