package dev.tpop.eval.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The few text measurements the built-in users share, defined once so every user counts a "word" or
 * a "sentence" the same way (and the Javadoc of each user can refer to these definitions).
 */
public final class TextStats {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n+");
    private static final Pattern NON_LETTERS = Pattern.compile("[^\\p{L}\\p{N}'-]+");
    private static final Pattern EDGE_PUNCT = Pattern.compile("^['-]+|['-]+$");

    /** Function words, excluded when counting "content" words. */
    static final Set<String> STOPWORDS = Set.of(
            "a", "an", "the", "and", "or", "but", "if", "then", "so", "of", "in", "on", "at", "to", "for", "from", "by",
            "with", "about", "as", "into", "than", "that", "this", "these", "those", "it", "its", "is", "are", "was",
            "were", "be", "been", "being", "am", "do", "does", "did", "have", "has", "had", "i", "you", "he", "she",
            "we", "they", "me", "him", "her", "us", "them", "my", "your", "his", "our", "their", "not", "no", "can",
            "will", "would", "should", "could", "may", "might", "must", "there", "here", "what", "which", "who",
            "when", "where", "why", "how", "all", "any", "some", "also", "just", "very", "more", "most", "such");

    private TextStats() {}

    /** Whitespace-separated tokens, punctuation included ("words" of the length-based users). */
    public static int wordCount(String text) {
        String t = text == null ? "" : text.strip();
        return t.isEmpty() ? 0 : WHITESPACE.split(t).length;
    }

    /** Lower-case word forms: letters, digits, inner apostrophes and hyphens; punctuation removed. */
    public static List<String> normalizedWords(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) return out;
        for (String raw : NON_LETTERS.split(text.toLowerCase(Locale.ROOT))) {
            String w = EDGE_PUNCT.matcher(raw).replaceAll("");
            if (!w.isEmpty()) out.add(w);
        }
        return out;
    }

    /** Sentences: split after . ! ? followed by whitespace, and at line breaks; blanks dropped. */
    public static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) return out;
        for (String s : SENTENCE_END.split(text.strip())) {
            if (!s.isBlank()) out.add(s.strip());
        }
        return out;
    }

    /** Distinct normalized words that are not {@link #STOPWORDS}. */
    public static int distinctContentWords(String text) {
        return (int) normalizedWords(text).stream().filter(w -> !STOPWORDS.contains(w)).distinct().count();
    }

    /** Lines that start like a list item or heading: "-", "*", "•", "1." / "1)", or "#". */
    public static int structureLines(String text) {
        if (text == null) return 0;
        int n = 0;
        for (String line : text.split("\\R")) {
            String l = line.strip();
            if (l.matches("^([-*•]|\\d+[.)]|#+)\\s+.*")) n++;
        }
        return n;
    }

    /** Moving-average type-token ratio over windows of {@code window} words (plain TTR when shorter). */
    public static double movingTypeTokenRatio(List<String> words, int window) {
        if (words.isEmpty()) return 0;
        if (words.size() <= window) return (double) words.stream().distinct().count() / words.size();
        double sum = 0;
        int windows = words.size() - window + 1;
        for (int i = 0; i < windows; i++) {
            sum += (double) words.subList(i, i + window).stream().distinct().count() / window;
        }
        return sum / windows;
    }

    /** Syllables by vowel groups, a silent final "e" removed, at least one: the usual readability heuristic. */
    public static int syllables(String word) {
        String w = word.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (w.isEmpty()) return 0;
        if (w.length() > 2 && w.endsWith("e") && !w.endsWith("le")) w = w.substring(0, w.length() - 1);
        int groups = 0;
        boolean inVowel = false;
        for (char c : w.toCharArray()) {
            boolean v = "aeiouy".indexOf(c) >= 0;
            if (v && !inVowel) groups++;
            inVowel = v;
        }
        return Math.max(1, groups);
    }

    /** Mean VADER compound over {@link #sentences}; 0 for an empty text. */
    public static double meanSentenceSentiment(String text) {
        List<String> s = sentences(text);
        if (s.isEmpty()) return 0;
        VaderSentiment vader = VaderSentiment.instance();
        return s.stream().mapToDouble(vader::compound).average().orElse(0);
    }

    /** Occurrences of any of the (lower-case) phrases in the lower-cased text, counted with word boundaries. */
    public static int countPhrases(String text, Set<String> phrases) {
        if (text == null) return 0;
        String t = " " + String.join(" ", normalizedWords(text)) + " ";
        int n = 0;
        for (String p : phrases) {
            String needle = " " + p + " ";
            for (int i = t.indexOf(needle); i >= 0; i = t.indexOf(needle, i + 1)) n++;
        }
        return n;
    }

    /**
     * Share of repeated word n-grams: {@code 1 - distinct / total}. 0 for text without repeats, near 1
     * for degenerate loops; strong steering can trade fluency for an attribute, and this makes that
     * visible next to the attribute score.
     */
    public static double repetitionRate(String text, int n) {
        List<String> words = normalizedWords(text);
        int total = words.size() - n + 1;
        if (total <= 0) return 0.0;
        Set<String> distinct = new java.util.HashSet<>();
        for (int i = 0; i < total; i++) distinct.add(String.join(" ", words.subList(i, i + n)));
        return 1.0 - (double) distinct.size() / total;
    }
}
