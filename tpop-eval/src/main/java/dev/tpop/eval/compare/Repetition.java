package dev.tpop.eval.compare;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How repetitive an answer is: the share of its word n-grams (n = 3 by default, lower-cased,
 * whitespace-split) that repeat an earlier n-gram of the same answer, i.e. {@code 1 - distinct/total}.
 * 0 for an answer without repeats or shorter than n words, approaching 1 for a loop of one phrase.
 *
 * <p>Why it is reported next to the scores: strong steering (a large omega, an LA ratio, or a reward
 * that learned "longer is better") can raise an attribute score by degenerating into repetition, which
 * a length- or word-based scorer rewards and a reader does not.
 */
public final class Repetition {
    public static final int DEFAULT_N = 3;

    private Repetition() {}

    public static double rate(String text, int n) {
        String[] words = text.toLowerCase(Locale.ROOT).strip().split("\\s+");
        if (text.isBlank() || words.length < n) return 0;
        int total = words.length - n + 1;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < total; i++) seen.add(String.join(" ", java.util.Arrays.copyOfRange(words, i, i + n)));
        return 1.0 - (double) seen.size() / total;
    }

    /** Mean {@link #rate} of several answers at the default n. */
    public static double mean(List<String> texts) {
        double s = 0;
        for (String t : texts) s += rate(t, DEFAULT_N);
        return texts.isEmpty() ? 0 : s / texts.size();
    }
}
