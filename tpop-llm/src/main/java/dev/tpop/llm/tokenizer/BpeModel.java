package dev.tpop.llm.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Byte-level BPE (GGUF {@code tokenizer.ggml.model = "gpt2"}), a port of llama.cpp's
 * llm_tokenizer_bpe_session so that our ids match llama.cpp's bit for bit.
 *
 * <p>Each pre-tokenized word is byte-encoded (see {@link ByteLevel}), split into code points, and
 * adjacent pairs are merged lowest merge rank first (ties: leftmost first) until no ranked pair is
 * left. Merge ranks live in a HashMap keyed by the merge line ("left right"), so each candidate pair
 * costs one string concatenation and one lookup; that keeps a short prompt well under a millisecond.
 */
final class BpeModel implements TokenModel {
    private final Map<String, Integer> tokenIds;
    private final Map<String, Integer> mergeRanks;
    private final PreTokenizer preTokenizer;

    BpeModel(Map<String, Integer> tokenIds, List<?> merges, PreTokenizer preTokenizer) {
        this.tokenIds = tokenIds;
        this.preTokenizer = preTokenizer;
        this.mergeRanks = HashMap.newHashMap(merges.size());
        for (int i = 0; i < merges.size(); i++) {
            String m = merges.get(i).toString();
            // llama.cpp splits at the first space after position 0 (a merge's left side may be a space)
            int sp = m.indexOf(' ', 1);
            String key = sp < 0 ? m + " " : m.substring(0, sp) + " " + m.substring(sp + 1);
            mergeRanks.putIfAbsent(key, i);
        }
    }

    @Override
    public void encode(String text, IntList out) {
        for (String word : preTokenizer.split(text)) {
            byte[] utf8 = word.getBytes(StandardCharsets.UTF_8);
            encodeWord(ByteLevel.encode(utf8, 0, utf8.length), out);
        }
    }

    private record Bigram(int left, int right, int rank, int leftLen, int rightLen) {}

    private void encodeWord(String word, IntList out) {
        if (word.isEmpty()) return;
        if (preTokenizer.ignoreMerges()) {
            Integer id = tokenIds.get(word);
            if (id != null) { out.add(id); return; }
        }
        // symbols: start offset and length (in chars) of each, linked list via prev/next
        int n = word.codePointCount(0, word.length());
        int[] start = new int[n], len = new int[n], prev = new int[n], next = new int[n];
        for (int i = 0, pos = 0; i < n; i++) {
            int cl = Character.charCount(word.codePointAt(pos));
            start[i] = pos; len[i] = cl; prev[i] = i - 1; next[i] = i + 1 < n ? i + 1 : -1;
            pos += cl;
        }
        PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) ->
                a.rank != b.rank ? Integer.compare(a.rank, b.rank) : Integer.compare(a.left, b.left));
        for (int i = 1; i < n; i++) addBigram(word, i - 1, i, start, len, queue);
        while (!queue.isEmpty()) {
            Bigram b = queue.poll();
            int l = b.left, r = b.right;
            // outdated if either side has changed since the pair was queued (symbols only grow rightwards)
            if (len[l] != b.leftLen || len[r] != b.rightLen) continue;
            len[l] += len[r];
            len[r] = 0;
            next[l] = next[r];
            if (next[r] >= 0) prev[next[r]] = l;
            if (prev[l] >= 0) addBigram(word, prev[l], l, start, len, queue);
            if (next[l] >= 0) addBigram(word, l, next[l], start, len, queue);
        }
        for (int i = 0; i != -1 && i < n; i = next[i]) {
            if (len[i] == 0) continue;
            String sym = word.substring(start[i], start[i] + len[i]);
            Integer id = tokenIds.get(sym);
            if (id != null) {
                out.add(id);
            } else {
                // as llama.cpp: fall back to single-byte tokens of the symbol's UTF-8, dropping unknown ones
                for (byte c : sym.getBytes(StandardCharsets.UTF_8)) {
                    Integer bid = tokenIds.get(new String(new byte[] {c}, StandardCharsets.ISO_8859_1));
                    if (bid != null && (c & 0x80) == 0) out.add(bid);
                }
            }
        }
    }

    private void addBigram(String word, int left, int right, int[] start, int[] len, PriorityQueue<Bigram> queue) {
        String l = word.substring(start[left], start[left] + len[left]);
        String r = word.substring(start[right], start[right] + len[right]);
        Integer rank = mergeRanks.get(l + " " + r);
        if (rank != null) queue.add(new Bigram(left, right, rank, len[left], len[right]));
    }
}
