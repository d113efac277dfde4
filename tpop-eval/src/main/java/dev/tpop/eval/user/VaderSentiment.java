package dev.tpop.eval.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The compound score of VADER (Hutto and Gilbert, ICWSM 2014), ported from vaderSentiment 3.3.2.
 *
 * <p>Why VADER: it is a maintained, widely used and fully transparent lexicon resource (7,500 rated
 * words and emoticons, MIT licence) whose rules run offline in a few lines of pure Java; no model
 * download, no GPU, and every score can be explained word by word, which is what a simulated user of
 * a benchmark should be.
 *
 * <p>Ported rules: lexicon valence, negation within three words (scalar -0.74, incl. "n't"),
 * "no" before a rated word, booster and dampener words (with distance decay 1, 0.95, 0.9), ALL-CAPS
 * emphasis when only some words are capitalized, "never so/this", "without doubt", "least", the
 * special-case idioms, "but" (before x0.5, after x1.5), "!" and "?" emphasis, and the normalization
 * {@code s / sqrt(s^2 + 15)}. Not ported: the emoji-to-description lexicon (emoji score 0 here).
 * One deliberate difference: upstream's "but" rule finds each score by value ({@code list.index}),
 * which mis-weights repeated values; this port weights by position, as the rule intends.
 */
public final class VaderSentiment {
    private static final double B_INCR = 0.293;
    private static final double B_DECR = -0.293;
    private static final double C_INCR = 0.733;
    private static final double N_SCALAR = -0.74;
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

    private static final Set<String> NEGATE = Set.of(
            "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt",
            "ain't", "aren't", "can't", "couldn't", "daren't", "didn't", "doesn't",
            "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither",
            "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't",
            "neednt", "needn't", "never", "none", "nope", "nor", "not", "nothing", "nowhere",
            "oughtnt", "shant", "shouldnt", "uhuh", "wasnt", "werent",
            "oughtn't", "shan't", "shouldn't", "uh-uh", "wasn't", "weren't",
            "without", "wont", "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite");

    private static final Map<String, Double> BOOSTERS = boosters();
    private static final Map<String, Double> SPECIAL_CASES = Map.of(
            "the shit", 3.0, "the bomb", 3.0, "bad ass", 1.5, "badass", 1.5, "bus stop", 0.0,
            "yeah right", -2.0, "kiss of death", -1.5, "to die for", 3.0, "beating heart", 3.5);

    private static final VaderSentiment DEFAULT = new VaderSentiment(loadLexicon());

    private final Map<String, Double> lexicon;

    private VaderSentiment(Map<String, Double> lexicon) {
        this.lexicon = lexicon;
    }

    /** The analyzer over the vendored lexicon (loaded once). */
    public static VaderSentiment instance() {
        return DEFAULT;
    }

    /** Number of entries of the lexicon. */
    public int lexiconSize() {
        return lexicon.size();
    }

    /** VADER's compound score in [-1, 1]: below -0.05 negative, above 0.05 positive. */
    public double compound(String text) {
        String t = text == null ? "" : text.strip();
        List<String> words = wordsAndEmoticons(t);
        if (words.isEmpty()) return 0.0;
        boolean capDiff = allCapDifferential(words);
        double[] sentiments = new double[words.size()];
        for (int i = 0; i < words.size(); i++) {
            String lower = lower(words.get(i));
            if (BOOSTERS.containsKey(lower)) continue;
            if (i < words.size() - 1 && lower.equals("kind") && lower(words.get(i + 1)).equals("of")) continue;
            sentiments[i] = valence(words, i, capDiff);
        }
        butCheck(words, sentiments);
        double sum = 0;
        for (double s : sentiments) sum += s;
        double amplifier = punctuationEmphasis(t);
        if (sum > 0) sum += amplifier;
        else if (sum < 0) sum -= amplifier;
        double norm = sum / Math.sqrt(sum * sum + 15);
        return Math.max(-1.0, Math.min(1.0, norm));
    }

    private double valence(List<String> words, int i, boolean capDiff) {
        String item = words.get(i);
        String itemLower = lower(item);
        Double rated = lexicon.get(itemLower);
        if (rated == null) return 0.0;
        double valence = rated;
        if (itemLower.equals("no") && i != words.size() - 1 && lexicon.containsKey(lower(words.get(i + 1)))) valence = 0.0;
        if ((i > 0 && lower(words.get(i - 1)).equals("no"))
                || (i > 1 && lower(words.get(i - 2)).equals("no"))
                || (i > 2 && lower(words.get(i - 3)).equals("no") && (lower(words.get(i - 1)).equals("or") || lower(words.get(i - 1)).equals("nor")))) {
            valence = rated * N_SCALAR;
        }
        if (isUpper(item) && capDiff) valence += valence > 0 ? C_INCR : -C_INCR;
        for (int startI = 0; startI < 3; startI++) {
            if (i > startI && !lexicon.containsKey(lower(words.get(i - (startI + 1))))) {
                double s = scalarIncDec(words.get(i - (startI + 1)), valence, capDiff);
                if (startI == 1 && s != 0) s *= 0.95;
                if (startI == 2 && s != 0) s *= 0.9;
                valence += s;
                valence = negationCheck(valence, words, startI, i);
                if (startI == 2) valence = specialIdiomsCheck(valence, words, i);
            }
        }
        return leastCheck(valence, words, i);
    }

    private static double scalarIncDec(String word, double valence, boolean capDiff) {
        Double b = BOOSTERS.get(lower(word));
        if (b == null) return 0.0;
        double scalar = valence < 0 ? -b : b;
        if (isUpper(word) && capDiff) scalar += valence > 0 ? C_INCR : -C_INCR;
        return scalar;
    }

    private static double negationCheck(double valence, List<String> words, int startI, int i) {
        String w1 = lower(words.get(i - 1));
        if (startI == 0) {
            if (negated(w1)) valence *= N_SCALAR;
        } else if (startI == 1) {
            String w2 = lower(words.get(i - 2));
            if (w2.equals("never") && (w1.equals("so") || w1.equals("this"))) valence *= 1.25;
            else if (w2.equals("without") && w1.equals("doubt")) { /* unchanged */ }
            else if (negated(w2)) valence *= N_SCALAR;
        } else {
            String w2 = lower(words.get(i - 2));
            String w3 = lower(words.get(i - 3));
            // Upstream's precedence: (never and (so|this)) or (w1 is so|this).
            if ((w3.equals("never") && (w2.equals("so") || w2.equals("this"))) || (w1.equals("so") || w1.equals("this"))) valence *= 1.25;
            else if (w3.equals("without") && (w2.equals("doubt") || w1.equals("doubt"))) { /* unchanged */ }
            else if (negated(w3)) valence *= N_SCALAR;
        }
        return valence;
    }

    private static boolean negated(String lowerWord) {
        return NEGATE.contains(lowerWord) || lowerWord.contains("n't");
    }

    private static double specialIdiomsCheck(double valence, List<String> words, int i) {
        String w0 = lower(words.get(i)), w1 = lower(words.get(i - 1)), w2 = lower(words.get(i - 2)), w3 = lower(words.get(i - 3));
        String[] sequences = {w1 + " " + w0, w2 + " " + w1 + " " + w0, w2 + " " + w1, w3 + " " + w2 + " " + w1, w3 + " " + w2};
        for (String seq : sequences) {
            Double v = SPECIAL_CASES.get(seq);
            if (v != null) { valence = v; break; }
        }
        if (words.size() - 1 > i) {
            Double v = SPECIAL_CASES.get(w0 + " " + lower(words.get(i + 1)));
            if (v != null) valence = v;
        }
        if (words.size() - 1 > i + 1) {
            Double v = SPECIAL_CASES.get(w0 + " " + lower(words.get(i + 1)) + " " + lower(words.get(i + 2)));
            if (v != null) valence = v;
        }
        for (String nGram : new String[] {w3 + " " + w2 + " " + w1, w3 + " " + w2, w2 + " " + w1}) {
            Double b = BOOSTERS.get(nGram);
            if (b != null) valence += b;
        }
        return valence;
    }

    private double leastCheck(double valence, List<String> words, int i) {
        if (i > 1 && !lexicon.containsKey(lower(words.get(i - 1))) && lower(words.get(i - 1)).equals("least")) {
            String w2 = lower(words.get(i - 2));
            if (!w2.equals("at") && !w2.equals("very")) valence *= N_SCALAR;
        } else if (i > 0 && !lexicon.containsKey(lower(words.get(i - 1))) && lower(words.get(i - 1)).equals("least")) {
            valence *= N_SCALAR;
        }
        return valence;
    }

    private static void butCheck(List<String> words, double[] sentiments) {
        int bi = -1;
        for (int i = 0; i < words.size(); i++) {
            if (lower(words.get(i)).equals("but")) { bi = i; break; }
        }
        if (bi < 0) return;
        for (int i = 0; i < sentiments.length; i++) {
            if (i < bi) sentiments[i] *= 0.5;
            else if (i > bi) sentiments[i] *= 1.5;
        }
    }

    private static double punctuationEmphasis(String text) {
        long ep = Math.min(4, text.chars().filter(c -> c == '!').count());
        long qm = text.chars().filter(c -> c == '?').count();
        double qmAmp = qm > 1 ? (qm <= 3 ? qm * 0.18 : 0.96) : 0;
        return ep * 0.292 + qmAmp;
    }

    /** Whitespace tokens with leading and trailing punctuation removed, unless that leaves <= 2 chars (emoticons). */
    static List<String> wordsAndEmoticons(String text) {
        List<String> out = new ArrayList<>();
        for (String token : text.split("\\s+")) {
            if (token.isEmpty()) continue;
            int start = 0, end = token.length();
            while (start < end && PUNCTUATION.indexOf(token.charAt(start)) >= 0) start++;
            while (end > start && PUNCTUATION.indexOf(token.charAt(end - 1)) >= 0) end--;
            String stripped = token.substring(start, end);
            out.add(stripped.length() <= 2 ? token : stripped);
        }
        return out;
    }

    private static boolean allCapDifferential(List<String> words) {
        int caps = 0;
        for (String w : words) if (isUpper(w)) caps++;
        int diff = words.size() - caps;
        return diff > 0 && diff < words.size();
    }

    /** Python's str.isupper(): at least one cased character and no lower-case one. */
    private static boolean isUpper(String s) {
        boolean cased = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLowerCase(c)) return false;
            if (Character.isUpperCase(c)) cased = true;
        }
        return cased;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static Map<String, Double> loadLexicon() {
        Map<String, Double> lex = new HashMap<>(16_384);
        try (InputStream in = VaderSentiment.class.getResourceAsStream("vader_lexicon.txt")) {
            if (in == null) throw new IllegalStateException("vader_lexicon.txt is missing from the classpath");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) continue;
                String[] parts = line.strip().split("\t");
                lex.put(parts[0], Double.parseDouble(parts[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(lex);
    }

    private static Map<String, Double> boosters() {
        Map<String, Double> m = new HashMap<>();
        for (String w : ("absolutely amazingly awfully completely considerable considerably decidedly deeply effing enormous enormously "
                + "entirely especially exceptional exceptionally extreme extremely fabulously flipping flippin frackin fracking "
                + "fricking frickin frigging friggin fully fuckin fucking fuggin fugging greatly hella highly hugely incredible "
                + "incredibly intensely major majorly more most particularly purely quite really remarkably so substantially "
                + "thoroughly total totally tremendous tremendously uber unbelievably unusually utter utterly very").split(" ")) {
            m.put(w, B_INCR);
        }
        for (String w : new String[] {"almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of",
                "less", "little", "marginal", "marginally", "occasional", "occasionally", "partly", "scarce", "scarcely",
                "slight", "slightly", "somewhat", "sort of", "sorta", "sortof", "sort-of"}) {
            m.put(w, B_DECR);
        }
        return Map.copyOf(m);
    }
}
