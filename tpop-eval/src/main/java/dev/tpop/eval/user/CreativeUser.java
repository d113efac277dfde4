package dev.tpop.eval.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Prefers the more "creative" answer, by a transparent proxy (creativity has no agreed measure; this
 * one rewards varied, uncommon, figurative wording and nothing else — not ideas, not quality):
 *
 * <pre>
 * score = (diversity + rarity + 0.5 * figurative) * min(1, words / 20)
 * diversity  = moving-average type-token ratio over 20-word windows of the normalized words
 * rarity     = share of normalized words not in the vendored common-word list (common_words.txt)
 * figurative = min(1, figurative markers per sentence): similes ("like a", "as if", "as though"),
 *              and story/imagery openers ("imagine", "picture", "once upon a time")
 * </pre>
 *
 * The length factor keeps a two-word reply, trivially "diverse", from winning. Range about [0, 2.5].
 * A word-frequency list would measure rarity better; none ships offline with a compatible licence,
 * so membership in a hand-written list of ~430 very common words stands in for it.
 */
public final class CreativeUser extends BtlSimulatedUser {
    private static final Set<String> COMMON = loadCommonWords();
    private static final Set<String> FIGURATIVE = Set.of(
            "like a", "like an", "as if", "as though", "imagine", "picture", "once upon a time", "as bright as",
            "as soft as", "as quiet as", "dance", "dances", "whisper", "whispers");

    public CreativeUser(double temperature, long seed) {
        super("creative", temperature, seed);
    }

    @Override
    public double score(String query, String response) {
        List<String> words = TextStats.normalizedWords(response);
        if (words.isEmpty()) return 0;
        double diversity = TextStats.movingTypeTokenRatio(words, 20);
        double rarity = words.stream().filter(w -> !COMMON.contains(w)).count() / (double) words.size();
        int sentences = Math.max(1, TextStats.sentences(response).size());
        double figurative = Math.min(1.0, TextStats.countPhrases(response, FIGURATIVE) / (double) sentences);
        return (diversity + rarity + 0.5 * figurative) * Math.min(1.0, words.size() / 20.0);
    }

    /** Whether a word counts as common (and so not rare) for this user. */
    public static boolean isCommon(String word) {
        return COMMON.contains(word);
    }

    private static Set<String> loadCommonWords() {
        Set<String> out = new HashSet<>();
        try (InputStream in = CreativeUser.class.getResourceAsStream("common_words.txt")) {
            if (in == null) throw new IllegalStateException("common_words.txt is missing from the classpath");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String w = line.strip();
                if (!w.isEmpty() && !w.startsWith("#")) out.add(w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Function words are common by definition, whether or not the list repeats them.
        out.addAll(TextStats.STOPWORDS);
        return Set.copyOf(out);
    }
}
