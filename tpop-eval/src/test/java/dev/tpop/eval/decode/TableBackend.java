package dev.tpop.eval.decode;

import dev.tpop.core.backend.DecodingBackend;
import dev.tpop.core.backend.DecodingBatch;
import dev.tpop.core.backend.NextTokens;
import dev.tpop.core.backend.TopK;
import dev.tpop.llm.chat.ChatMessage;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** A tiny Markov "model" for exact-search tests: the next logits depend only on the last token (token 0 ends). */
final class TableBackend implements DecodingBackend {
    final float[][] table;
    int starts;

    TableBackend(int vocab, long seed) {
        Random r = new Random(seed);
        table = new float[vocab + 1][vocab];
        for (float[] row : table) for (int i = 0; i < vocab; i++) row[i] = (float) (r.nextGaussian() * 2);
    }

    @Override public String modelId() { return "table"; }
    @Override public int vocabularySize() { return table[0].length; }
    @Override public Set<Integer> endOfSequenceIds() { return Set.of(0); }
    @Override public String decode(int[] ids) { return java.util.Arrays.toString(ids); }

    float[] row(int last) { return table[last < 0 ? table.length - 1 : last]; }

    @Override
    public DecodingBatch start(List<ChatMessage> messages, int size, int topK, int maxNewTokens) {
        starts++;
        int k = Math.min(topK, vocabularySize());
        int[] last = new int[size];
        java.util.Arrays.fill(last, -1);
        return new DecodingBatch() {
            int[] state = last;
            @Override public int size() { return state.length; }
            @Override public NextTokens next(int i) { return TopK.select(row(state[i]), k, null); }
            @Override public float[] logits(int i) { return row(state[i]).clone(); }
            @Override public void advance(int[] tokens) { for (int i = 0; i < tokens.length; i++) if (tokens[i] >= 0) state[i] = tokens[i]; }
            @Override public void reorder(int[] src) {
                int[] s = new int[src.length];
                for (int i = 0; i < src.length; i++) s[i] = state[src[i]];
                state = s;
            }
            @Override public void close() {}
        };
    }
}
