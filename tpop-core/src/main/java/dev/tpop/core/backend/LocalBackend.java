package dev.tpop.core.backend;

import dev.tpop.llm.LlamaModel;
import dev.tpop.llm.Sequence;
import dev.tpop.llm.StepOutput;
import dev.tpop.llm.chat.ChatMessage;
import dev.tpop.llm.chat.ChatTemplate;
import dev.tpop.llm.chat.PromptEncoder;
import dev.tpop.llm.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The in-process backend: our pure-Java GGUF engine. The prompt is rendered with the model's own
 * chat template, tokenized once, prefilled once, and the KV cache forked for every sequence; from
 * then on each {@link DecodingBatch#advance} is one batched forward step. Model calls are serialized
 * on the model, so several sessions may share one backend.
 */
public final class LocalBackend implements DecodingBackend {
    private final LlamaModel model;
    private final Tokenizer tokenizer;
    private final ChatTemplate template;
    private final String modelId;

    public LocalBackend(LlamaModel model, String modelId) {
        this.model = model;
        this.tokenizer = Tokenizer.fromGguf(model.gguf());
        this.template = ChatTemplate.fromGguf(model.gguf(), tokenizer);
        this.modelId = modelId;
    }

    public static LocalBackend load(Path gguf) {
        String name = gguf.getFileName().toString().replaceFirst("\\.gguf$", "");
        return new LocalBackend(LlamaModel.load(gguf), name);
    }

    public LlamaModel model() { return model; }

    public Tokenizer tokenizer() { return tokenizer; }

    @Override
    public String modelId() { return modelId; }

    @Override
    public int vocabularySize() { return model.config().vocabSize(); }

    @Override
    public Set<Integer> endOfSequenceIds() { return tokenizer.endOfSequenceIds(); }

    @Override
    public String decode(int[] tokenIds) { return tokenizer.decode(tokenIds); }

    @Override
    public float[] tokenEmbedding(int tokenId) { return model.tokenEmbedding(tokenId); }

    @Override
    public boolean providesHiddenStates() { return true; }

    /** Prompt token ids exactly as the model sees them (template, special tokens, BOS). */
    public int[] promptTokens(List<ChatMessage> messages) {
        return new PromptEncoder(tokenizer, template).encode(messages);
    }

    @Override
    public DecodingBatch start(List<ChatMessage> messages, int size, int topK, int maxNewTokens) {
        int[] prompt = promptTokens(messages);
        int context = model.config().contextLength();
        if (prompt.length + maxNewTokens > context) {
            throw new IllegalArgumentException("the prompt is " + prompt.length + " tokens; with " + maxNewTokens
                    + " new tokens it exceeds the model's context of " + context + " tokens: shorten it or lower max_new_tokens");
        }
        Sequence first = model.newSequence(prompt.length + maxNewTokens + 1);
        StepOutput out;
        synchronized (model) {
            out = model.prefill(first, prompt);
        }
        Sequence[] seqs = new Sequence[size];
        StepOutput[] outs = new StepOutput[size];
        seqs[0] = first;
        outs[0] = out;
        for (int i = 1; i < size; i++) {
            seqs[i] = first.fork();
            outs[i] = out;
        }
        return new Batch(seqs, outs, Math.min(topK, vocabularySize()));
    }

    private final class Batch implements DecodingBatch {
        private Sequence[] seqs;
        private StepOutput[] outs;
        private final int topK;

        Batch(Sequence[] seqs, StepOutput[] outs, int topK) {
            this.seqs = seqs;
            this.outs = outs;
            this.topK = topK;
        }

        @Override
        public int size() { return seqs.length; }

        @Override
        public NextTokens next(int index) {
            return TopK.select(outs[index].logits(), topK, outs[index].hidden());
        }

        @Override
        public float[] logits(int index) {
            return outs[index].logits().clone();
        }

        @Override
        public void advance(int[] tokens) {
            // plain arrays, no boxing: this runs once per position of every answer
            int count = 0;
            for (int t : tokens) if (t >= 0) count++;
            if (count == 0) return;
            List<Sequence> live = new ArrayList<>(count);
            int[] which = new int[count], liveTokens = new int[count];
            for (int i = 0, j = 0; i < tokens.length; i++) {
                if (tokens[i] >= 0) {
                    live.add(seqs[i]);
                    which[j] = i;
                    liveTokens[j++] = tokens[i];
                }
            }
            List<StepOutput> results;
            synchronized (model) {
                results = model.step(live, liveTokens);
            }
            for (int j = 0; j < count; j++) outs[which[j]] = results.get(j);
        }

        @Override
        public void reorder(int[] sourceIndices) {
            Sequence[] s = new Sequence[sourceIndices.length];
            StepOutput[] o = new StepOutput[sourceIndices.length];
            boolean[] used = new boolean[seqs.length];
            for (int i = 0; i < sourceIndices.length; i++) {
                int src = sourceIndices[i];
                s[i] = used[src] ? seqs[src].fork() : seqs[src];
                used[src] = true;
                o[i] = outs[src];
            }
            seqs = s;
            outs = o;
        }

        @Override
        public void close() {
            Arrays.fill(seqs, null);
        }
    }
}
