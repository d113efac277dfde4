package dev.tpop.llm.tokenizer;

import dev.tpop.llm.gguf.GgufException;
import dev.tpop.llm.gguf.GgufFile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's tokenizer, read from its GGUF metadata and built to produce exactly llama.cpp's ids.
 *
 * <p>Supported: {@code tokenizer.ggml.model = "gpt2"} (byte-level BPE with merges, pre-tokenized per
 * {@code tokenizer.ggml.pre} as llama.cpp does). Other models ("llama" SentencePiece, "bert", ...)
 * are rejected with a clear error; a new one needs only a {@link TokenModel} implementation.
 *
 * <p>Decoding renders every token, control tokens included, as the text it stands for (llama.cpp's
 * {@code special = true}), and does not apply clean_up_tokenization_spaces, so that
 * {@code decode(encodeWithSpecialTokens(s))} gives back {@code s}. Instances are immutable and
 * thread-safe.
 */
public final class Tokenizer {
    // GGUF tokenizer.ggml.token_type values (llama.cpp's llama_token_type)
    static final int TYPE_NORMAL = 1, TYPE_UNKNOWN = 2, TYPE_CONTROL = 3, TYPE_USER_DEFINED = 4, TYPE_UNUSED = 5, TYPE_BYTE = 6;

    /** Token texts llama.cpp treats as end-of-generation (llama-vocab.cpp, special_eog_ids). */
    private static final Set<String> EOG_TEXTS = Set.of("<|eot_id|>", "<|im_end|>", "<|end|>", "<|return|>",
            "<|call|>", "<|flush|>", "<|calls|>", "<end_of_turn>", "<|endoftext|>", "</s>", "<|eom_id|>", "<EOT>",
            "_<EOT>", "[EOT]", "[EOS]", "<|end_of_text|>", "<end_of_utterance>", "<eos>", "<turn|>",
            "<|tool_response>", "<｜end▁of▁sentence｜>", "[e~[");
    /** FIM pad/repo/separator tokens, which llama.cpp also counts as end-of-generation. */
    private static final List<List<String>> FIM_EOG_TEXTS = List.of(
            List.of("<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>", "[PAD]"),
            List.of("<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>", "<reponame>"),
            List.of("<|file_sep|>"));

    private final String[] texts;
    private final int[] types;
    private final byte[][] bytes;
    private final TokenModel model;
    /** Special tokens, longest first, as llama.cpp's cache_special_tokens. */
    private final int[] specialIds;
    private final int bosId;
    private final boolean addBos;
    private final Set<Integer> eogIds;

    private Tokenizer(String[] texts, int[] types, TokenModel model, boolean byteEncoded, int bosId, boolean addBos,
                      Set<Integer> eogIds) {
        this.texts = texts;
        this.types = types;
        this.model = model;
        this.bosId = bosId;
        this.addBos = addBos;
        this.eogIds = eogIds;
        this.bytes = new byte[texts.length][];
        List<Integer> specials = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            boolean special = types[i] == TYPE_CONTROL || types[i] == TYPE_USER_DEFINED || types[i] == TYPE_UNKNOWN;
            bytes[i] = special || !byteEncoded ? texts[i].getBytes(StandardCharsets.UTF_8) : ByteLevel.decode(texts[i]);
            if (special && !texts[i].isEmpty()) specials.add(i);
        }
        specials.sort((a, b) -> Integer.compare(texts[b].length(), texts[a].length()));
        this.specialIds = specials.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Builds the tokenizer stored in {@code f}.
     *
     * @throws GgufException if the vocabulary is missing or malformed
     * @throws IllegalArgumentException if the tokenizer model or pre-tokenizer is one we do not support
     */
    public static Tokenizer fromGguf(GgufFile f) {
        Map<String, Object> md = f.metadata();
        String kind = md.get("tokenizer.ggml.model") instanceof String s ? s : null;
        if (kind == null) throw new GgufException(f.path() + " has no tokenizer (tokenizer.ggml.model missing)");
        if (!kind.equals("gpt2")) {
            throw new IllegalArgumentException("unsupported tokenizer model '" + kind + "' in " + f.path()
                    + ": only 'gpt2' (byte-level BPE) is implemented");
        }
        if (!(md.get("tokenizer.ggml.tokens") instanceof List<?> tokenList)) {
            throw new GgufException(f.path() + " lacks tokenizer.ggml.tokens");
        }
        if (!(md.get("tokenizer.ggml.merges") instanceof List<?> merges)) {
            throw new GgufException(f.path() + " lacks tokenizer.ggml.merges, which BPE needs");
        }
        String[] texts = new String[tokenList.size()];
        Map<String, Integer> ids = HashMap.newHashMap(texts.length);
        for (int i = 0; i < texts.length; i++) {
            texts[i] = tokenList.get(i).toString();
            ids.putIfAbsent(texts[i], i);
        }
        int[] types = new int[texts.length];
        if (md.get("tokenizer.ggml.token_type") instanceof int[] tt && tt.length == texts.length) {
            System.arraycopy(tt, 0, types, 0, tt.length);
        } else {
            java.util.Arrays.fill(types, TYPE_NORMAL);
        }
        String pre = md.get("tokenizer.ggml.pre") instanceof String s ? s : null;
        TokenModel model = new BpeModel(ids, merges, PreTokenizer.forName(pre));
        int bos = f.getInt("tokenizer.ggml.bos_token_id", -1);
        boolean addBos = md.get("tokenizer.ggml.add_bos_token") instanceof Boolean b ? b : false;
        return new Tokenizer(texts, types, model, true, bos, addBos, eogIds(f, texts, ids));
    }

    /** The end-of-generation set, computed as llama.cpp's special_eog_ids. */
    private static Set<Integer> eogIds(GgufFile f, String[] texts, Map<String, Integer> ids) {
        Set<Integer> eog = new LinkedHashSet<>();
        for (String key : List.of("tokenizer.ggml.eos_token_id", "tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id",
                "tokenizer.ggml.fim_pad_token_id", "tokenizer.ggml.fim_rep_token_id", "tokenizer.ggml.fim_sep_token_id")) {
            int id = f.getInt(key, -1);
            if (id >= 0 && id < texts.length) eog.add(id);
        }
        for (String t : EOG_TEXTS) if (ids.containsKey(t)) eog.add(ids.get(t));
        // llama.cpp also stops on the FIM pad/repo/file-separator tokens (one of each, found by text);
        // for SmolLM2 that makes <reponame> (id 4) end generation too
        for (List<String> alternatives : FIM_EOG_TEXTS) {
            alternatives.stream().filter(ids::containsKey).findFirst().ifPresent(t -> eog.add(ids.get(t)));
        }
        return Collections.unmodifiableSet(new java.util.TreeSet<>(eog));
    }

    /** Tokenizes plain text: a special token's text in it (e.g. "&lt;|im_start|&gt;") is BPE'd like any other text. */
    public int[] encode(String text) {
        return encode(text, false);
    }

    /**
     * Tokenizes text in which control and user-defined tokens are written out (a rendered chat
     * template): each occurrence becomes its single id, longest token first, and the text between is
     * BPE'd. No BOS is added; callers prepend {@link #bosId()} when {@link #addBos()} says so.
     */
    public int[] encodeWithSpecialTokens(String text) {
        return encode(text, true);
    }

    private int[] encode(String text, boolean parseSpecial) {
        IntList out = new IntList();
        // fragments: String = raw text still to tokenize, Integer = a special token id
        List<Object> fragments = new ArrayList<>();
        fragments.add(text);
        for (int id : specialIds) {
            // as llama.cpp: user-defined tokens are always matched, control/unknown only when asked
            if (!parseSpecial && types[id] != TYPE_USER_DEFINED) continue;
            String tok = texts[id];
            List<Object> next = null;
            for (int f = 0; f < fragments.size(); f++) {
                Object frag = fragments.get(f);
                if (frag instanceof String s && s.contains(tok)) {
                    if (next == null) next = new ArrayList<>(fragments.subList(0, f));
                    int from = 0;
                    for (int at; (at = s.indexOf(tok, from)) >= 0; from = at + tok.length()) {
                        if (at > from) next.add(s.substring(from, at));
                        next.add(id);
                    }
                    if (from < s.length()) next.add(s.substring(from));
                } else if (next != null) {
                    next.add(frag);
                }
            }
            if (next != null) fragments = next;
        }
        for (Object frag : fragments) {
            if (frag instanceof Integer id) out.add(id);
            else model.encode((String) frag, out);
        }
        return out.toArray();
    }

    /** The text the ids stand for; bytes that do not form valid UTF-8 become U+FFFD. */
    public String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) out.writeBytes(tokenBytes(id));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The raw bytes token {@code id} stands for (possibly part of a UTF-8 sequence); a copy. */
    public byte[] tokenBytes(int id) {
        checkId(id);
        return bytes[id].clone();
    }

    byte[] tokenBytesUnsafe(int id) {
        checkId(id);
        return bytes[id];
    }

    /** The token's text as stored in the vocabulary (byte-level BPE tokens in their encoded form, e.g. "Ġthe"). */
    public String tokenText(int id) {
        checkId(id);
        return texts[id];
    }

    /** Whether the token is a control token (e.g. &lt;|im_start|&gt;) rather than text. */
    public boolean isControl(int id) {
        checkId(id);
        return types[id] == TYPE_CONTROL;
    }

    public int vocabularySize() { return texts.length; }

    /** The beginning-of-sequence id, or -1 if the model has none. */
    public int bosId() { return bosId; }

    /** Whether prompts should start with {@link #bosId()} (tokenizer.ggml.add_bos_token). */
    public boolean addBos() { return addBos; }

    /** Every id that ends generation, as llama.cpp's end-of-generation set; unmodifiable. */
    public Set<Integer> endOfSequenceIds() { return eogIds; }

    /** Returns the id of the token whose vocabulary text is exactly {@code text}, or -1. */
    public int tokenId(String text) {
        for (int i = 0; i < texts.length; i++) if (texts[i].equals(text)) return i;
        return -1;
    }

    private void checkId(int id) {
        if (id < 0 || id >= texts.length) {
            throw new IllegalArgumentException("token id " + id + " out of range [0, " + texts.length + ")");
        }
    }
}
