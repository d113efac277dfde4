package dev.tpop.eval.user;

import java.util.List;

/**
 * Prefers the more complex, sophisticated text (a simple proxy): the Flesch-Kincaid grade level
 * divided by 10, {@code (0.39 * words/sentence + 11.8 * syllables/word - 15.59) / 10}, with
 * {@link TextStats#syllables} and {@link TextStats#sentences}. Why FK: the best known, fully
 * transparent readability formula; long sentences of long words read as "complex".
 */
public final class ComplexUser extends BtlSimulatedUser {
    public ComplexUser(double temperature, long seed) {
        super("complex", temperature, seed);
    }

    @Override
    public double score(String query, String response) {
        List<String> words = TextStats.normalizedWords(response);
        if (words.isEmpty()) return 0;
        int sentences = Math.max(1, TextStats.sentences(response).size());
        double syllables = words.stream().mapToInt(TextStats::syllables).sum();
        double grade = 0.39 * words.size() / sentences + 11.8 * syllables / words.size() - 15.59;
        return grade / 10.0;
    }
}
