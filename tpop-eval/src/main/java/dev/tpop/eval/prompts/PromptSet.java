package dev.tpop.eval.prompts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A cleaned, ordered list of prompts and where it came from.
 *
 * <p>Every loader goes through {@link #of}: whitespace is stripped (382 prompts of the personal
 * preference set end with a space), empty prompts are dropped and duplicates are removed keeping the
 * first. Because cleaning happens before anything else, a split depends only on the cleaned prompts;
 * a copy of a file with trailing spaces removed gets the same split.
 *
 * <p>Sources, by {@link #load} spec:
 * <ul>
 *   <li>{@code default}: the set shipped in this jar, so a fresh machine has prompts;</li>
 *   <li>{@code hf:OWNER/DATASET[:split[:field]]}: rows of a Hugging Face dataset (online only);</li>
 *   <li>a path: {@code .json} (an array of {@code {"index","question"}} objects as in the shared
 *       sets, objects with a "prompt"/"instruction" field, or strings), {@code .jsonl} (one object per
 *       line with a "question"/"prompt"/"instruction" field) or anything else as plain text, one
 *       prompt per line.</li>
 * </ul>
 */
public record PromptSet(String source, List<String> prompts) {
    /** The fields a prompt is read from, in order of preference. */
    public static final List<String> PROMPT_FIELDS = List.of("question", "prompt", "instruction");
    public static final String DEFAULT = "default";
    private static final String DEFAULT_RESOURCE = "default.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public PromptSet {
        prompts = List.copyOf(prompts);
    }

    /** Cleans raw prompts: strip, drop empty, de-duplicate keeping the first occurrence. */
    public static PromptSet of(String source, Collection<String> raw) {
        Set<String> seen = new LinkedHashSet<>();
        for (String p : raw) {
            if (p == null) continue;
            String s = p.strip();
            if (!s.isEmpty()) seen.add(s);
        }
        return new PromptSet(source, new ArrayList<>(seen));
    }

    /** Loads by spec: {@code default}, {@code hf:...} or a file path (see the class comment). */
    public static PromptSet load(String spec) throws IOException {
        if (spec == null || spec.isBlank()) throw new IllegalArgumentException("prompt set is missing: give a file, 'default' or hf:OWNER/DATASET");
        String s = spec.strip();
        if (s.equalsIgnoreCase(DEFAULT)) return defaultSet();
        if (s.startsWith("hf:")) return HuggingFacePrompts.load(s);
        return fromFile(Path.of(s));
    }

    /** The project's own small set, shipped as a resource. */
    public static PromptSet defaultSet() {
        try (InputStream in = PromptSet.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the classpath");
            return of(DEFAULT, fromJsonText(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the default prompt set", e);
        }
    }

    /** A JSON, JSONL or plain-text file, chosen by extension. */
    public static PromptSet fromFile(Path file) throws IOException {
        if (file.toString().isBlank()) throw new IllegalArgumentException("prompt set is missing: give a file, 'default' or hf:OWNER/DATASET");
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a folder; give a prompt file in it (JSON, JSONL or text), 'default' or hf:OWNER/DATASET");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "prompt file not found (or use 'default' or hf:OWNER/DATASET)");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text; prompts are read from UTF-8 JSON, JSONL or text files");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String source = file.toString();
        if (name.endsWith(".jsonl")) return of(source, fromJsonLines(text, source));
        if (name.endsWith(".json")) return of(source, fromJsonText(text, source));
        return of(source, text.lines().toList());
    }

    /** A JSON array of prompt objects or strings. */
    static List<String> fromJsonText(String text, String source) throws IOException {
        JsonNode root = parse(text, source);
        if (root == null || !root.isArray()) throw new IOException(source + ": expected a JSON array of prompts");
        List<String> out = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) out.add(promptOf(root.get(i), source + "[" + i + "]"));
        return out;
    }

    /** One JSON object (or string) per non-blank line. */
    static List<String> fromJsonLines(String text, String source) throws IOException {
        List<String> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.lines().toList()) {
            lineNo++;
            if (line.isBlank()) continue;
            out.add(promptOf(parse(line, source + ":" + lineNo), source + ":" + lineNo));
        }
        return out;
    }

    /** The parser's complaint, without its internals, and with the file it is about. */
    private static JsonNode parse(String text, String where) throws IOException {
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String why = e.getOriginalMessage().lines().findFirst().orElse("").replaceAll(" \\(start marker at .*", "");
            var at = e.getLocation();
            throw new IOException(where + " is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + ": " + why);
        }
    }

    /** The prompt of one record: a string, or the first of {@link #PROMPT_FIELDS} that is text. */
    static String promptOf(JsonNode node, String where) throws IOException {
        if (node.isTextual()) return node.asText();
        if (node.isObject()) {
            for (String f : PROMPT_FIELDS) {
                JsonNode v = node.get(f);
                if (v != null && v.isTextual()) return v.asText();
            }
        }
        throw new IOException(where + ": no prompt found; expected a string or an object with one of " + PROMPT_FIELDS);
    }

    public int size() {
        return prompts.size();
    }

    /**
     * A deterministic split: the indices 0..n-1 are shuffled with {@code seed} (Fisher-Yates over a
     * {@link SplittableRandom}), the first {@code round(n * heldOutFraction)} are held out and the rest
     * train; each part keeps the set's order. At least one prompt lands on each side when n >= 2 and
     * the fraction is strictly between 0 and 1.
     */
    public PromptSplit split(long seed, double heldOutFraction) {
        if (!(heldOutFraction >= 0 && heldOutFraction <= 1)) {
            throw new IllegalArgumentException("held-out fraction must be in [0, 1], got " + heldOutFraction);
        }
        int n = prompts.size();
        int heldOut = (int) Math.round(n * heldOutFraction);
        if (n >= 2 && heldOutFraction > 0 && heldOutFraction < 1) heldOut = Math.max(1, Math.min(n - 1, heldOut));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        boolean[] isHeldOut = new boolean[n];
        for (int i = 0; i < heldOut; i++) isHeldOut[order[i]] = true;
        List<String> train = new ArrayList<>(n - heldOut);
        List<String> held = new ArrayList<>(heldOut);
        for (int i = 0; i < n; i++) (isHeldOut[i] ? held : train).add(prompts.get(i));
        return new PromptSplit(train, held);
    }
}
