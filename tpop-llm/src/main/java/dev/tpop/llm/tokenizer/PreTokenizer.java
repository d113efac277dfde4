package dev.tpop.llm.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into the words that BPE merges within, exactly as llama.cpp does for each
 * {@code tokenizer.ggml.pre} value (see llama.cpp src/llama-vocab.cpp, llm_tokenizer_bpe).
 *
 * <p>llama.cpp applies a list of regexes in turn: each one splits every fragment left by the
 * previous ones into its matches and the gaps between them (both kept). We do the same with
 * java.util.regex. The patterns are llama.cpp's, which are already written without possessive
 * quantifiers or case-insensitive groups; {@code \s} is made Unicode-aware with
 * {@link Pattern#UNICODE_CHARACTER_CLASS} because llama.cpp treats every Unicode White_Space code
 * point as whitespace. Each fragment is matched on its own, so a lookahead never sees past the
 * fragment's end (as in llama.cpp, which runs std::regex over each fragment's range).
 */
final class PreTokenizer {
    private static final String GPT2 = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)";
    private static final String CONTRACTIONS_CI = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])";
    private static final String LLAMA3 = CONTRACTIONS_CI
            + "|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    private static final String QWEN2 = CONTRACTIONS_CI
            + "|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
    private static final String QWEN35 = CONTRACTIONS_CI
            + "|[^\\r\\n\\p{L}\\p{N}]?[\\p{L}\\p{M}]+|\\p{N}| ?[^\\s\\p{L}\\p{M}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";

    private final String name;
    private final List<Pattern> patterns;
    private final boolean ignoreMerges;

    private PreTokenizer(String name, boolean ignoreMerges, String... regexes) {
        this.name = name;
        this.ignoreMerges = ignoreMerges;
        this.patterns = new ArrayList<>();
        for (String r : regexes) patterns.add(Pattern.compile(r, Pattern.UNICODE_CHARACTER_CLASS));
    }

    /**
     * The pre-tokenizer llama.cpp uses for {@code pre} (null or empty means llama.cpp's "default").
     *
     * @throws IllegalArgumentException for a value we have not mapped, rather than silently
     *         tokenizing differently from the model's training
     */
    static PreTokenizer forName(String pre) {
        String p = pre == null || pre.isEmpty() ? "default" : pre;
        return switch (p) {
            case "default" -> new PreTokenizer(p, false,
                    "[\\p{P}\\$\\+<=>\\^~\\|]+", GPT2, "\\p{N}+", "[0-9][0-9][0-9]");
            case "llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1", "pixtral", "midm-2.0", "lfm2",
                 "jina-v5-nano" -> new PreTokenizer(p, true, LLAMA3);
            case "dbrx", "smaug-bpe", "chatglm-bpe", "glm4" -> new PreTokenizer(p, false, LLAMA3);
            case "qwen2", "deepseek-r1-qwen", "stablelm2", "hunyuan", "solar-open" -> new PreTokenizer(p, false, QWEN2);
            case "qwen35" -> new PreTokenizer(p, false, QWEN35);
            case "gpt-2", "phi-2", "mpt", "olmo", "jais", "trillion", "granite-docling", "jina-es", "jina-de",
                 "jina-v2-es", "jina-v2-de", "gigachat", "a.x-4.0", "mellum", "modern-bert",
                 "jina-v1-en", "jina-v2-code", "roberta-bpe" -> new PreTokenizer(p, false, GPT2);
            case "starcoder", "refact", "command-r", "smollm", "codeshell", "exaone", "minerva-7b", "mellum2" ->
                    new PreTokenizer(p, false, "\\p{N}", GPT2);
            case "falcon" -> new PreTokenizer(p, false, "[\\p{P}\\$\\+<=>\\^~\\|`]+", GPT2, "[0-9][0-9][0-9]");
            // "\\s+$" is llama.cpp's; Java's $ also matches before a final newline, so we anchor with \\z
            case "deepseek-llm" -> new PreTokenizer(p, false, "[\\r\\n]",
                    "\\s?[A-Za-zµÀ-ÖØ-öø-ƺƼ-ƿǄ-ʓʕ-ʯͰ-ͳͶͷͻ-ͽͿΆΈ-ΊΌΎ-ΡΣ-ϵϷ-ҁҊ-ԯԱ-ՖႠ-ჅᎠ-Ᏽᏸ-ᏽᲐ-ᲺᲽ-Ჿᴀ-ᴫᵫ-ᵷᵹ-ᶚḀ-ἕἘ-Ἕἠ-ὅὈ-Ὅὐ-ὗὙὛὝὟ-ώᾀ-ᾴᾶ-ᾼιῂ-ῄῆ-ῌῐ-ΐῖ-Ίῠ-Ῥῲ-ῴῶ-ῼℂℇℊ-ℓℕℙ-ℝℤΩℨK-ℭℯ-ℴℹℼ-ℿⅅ-ⅉⅎↃↄⰀ-ⱻⱾ-ⳤⳫ-ⳮⳲⳳꙀ-ꙭꚀ-ꚛꜢ-ꝯꝱ-ꞇꞋ-ꞎꭰ-ꮿﬀ-ﬆﬓ-ﬗＡ-Ｚａ-ｚ𐐀-𐑏𐒰-𐓓𐓘-𐓻𐲀-𐲲𐳀-𐳲𑢠-𑣟𞤀-𞥃]+",
                    "\\s?[!-/:-~！-／：-～‘-‟　-。]+",
                    "\\s+\\z", "[一-龥ࠀ-一가-퟿]+", "\\p{N}+");
            case "deepseek-coder" -> new PreTokenizer(p, false,
                    "[\\r\\n]", "\\s?\\p{L}+", "\\s?\\p{P}+", "[一-龥ࠀ-一가-퟿]+", "\\p{N}");
            case "viking" -> new PreTokenizer(p, false, " ?[^(\\s|.,!?…。，、।۔،)]+", "\\p{N}");
            case "poro-chat", "bloom", "gpt3-finnish" -> new PreTokenizer(p, false, " ?[^(\\s|.,!?…。，、।۔،)]+");
            default -> throw new IllegalArgumentException("unsupported pre-tokenizer '" + p
                    + "' (tokenizer.ggml.pre); add its llama.cpp regexes to " + PreTokenizer.class.getName());
        };
    }

    String name() { return name; }

    /** Whether a word that is itself a vocabulary entry skips merging (llama.cpp's ignore_merges). */
    boolean ignoreMerges() { return ignoreMerges; }

    /** Splits {@code text} into pre-tokenized words, in order; their concatenation is {@code text}. */
    List<String> split(String text) {
        List<String> words = List.of(text);
        for (Pattern pattern : patterns) {
            List<String> next = new ArrayList<>(words.size() * 2);
            for (String w : words) {
                Matcher m = pattern.matcher(w);
                int last = 0;
                while (m.find()) {
                    if (m.end() == m.start()) continue; // empty matches produce no word in llama.cpp
                    if (m.start() > last) next.add(w.substring(last, m.start()));
                    next.add(w.substring(m.start(), m.end()));
                    last = m.end();
                }
                if (last < w.length()) next.add(w.substring(last));
            }
            words = next;
        }
        return words;
    }
}
