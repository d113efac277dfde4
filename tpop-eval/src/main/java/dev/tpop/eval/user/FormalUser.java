package dev.tpop.eval.user;

import java.util.List;
import java.util.Set;

/**
 * Prefers the more formal register (a simple proxy):
 * {@code score = meanWordLength / 5 - 5 * contractionRate - 5 * informalRate - exclamationsPerSentence}.
 * Contractions are words with an apostrophe ("don't", "it's"); informal words are a fixed list
 * (lol, hey, gonna, wanna, yeah, awesome, stuff, ok, ...). Rates are per normalized word.
 */
public final class FormalUser extends BtlSimulatedUser {
    private static final Set<String> INFORMAL = Set.of(
            "lol", "hey", "gonna", "wanna", "gotta", "yeah", "yep", "nope", "kinda", "sorta", "cool", "awesome",
            "stuff", "ok", "okay", "guys", "btw", "omg", "haha", "super", "totally", "dude", "y'all", "ya");

    public FormalUser(double temperature, long seed) {
        super("formal", temperature, seed);
    }

    @Override
    public double score(String query, String response) {
        List<String> words = TextStats.normalizedWords(response);
        if (words.isEmpty()) return 0;
        double meanLength = words.stream().mapToInt(String::length).average().orElse(0);
        double contractions = words.stream().filter(w -> w.contains("'")).count() / (double) words.size();
        double informal = words.stream().filter(INFORMAL::contains).count() / (double) words.size();
        double exclamations = response.chars().filter(c -> c == '!').count()
                / (double) Math.max(1, TextStats.sentences(response).size());
        return meanLength / 5.0 - 5.0 * contractions - 5.0 * informal - exclamations;
    }
}
