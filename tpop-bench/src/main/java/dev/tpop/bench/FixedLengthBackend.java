package dev.tpop.bench;

import dev.tpop.core.backend.DecodingBackend;
import dev.tpop.core.backend.DecodingBatch;
import dev.tpop.llm.chat.ChatMessage;
import java.util.List;
import java.util.Set;

/**
 * The local backend with no end-of-sequence token, and the time of its prefills counted.
 *
 * <p>Why: a throughput comparison must decode the same number of tokens on every side, and answers
 * that stop early at different places would not. With no end-of-sequence id every arm runs to
 * exactly M tokens, as llama.cpp does with {@code ignore_eos} and our plain greedy loop does. The
 * prefill time is kept so that decode rates can leave it out on every side alike.
 */
final class FixedLengthBackend implements DecodingBackend {
    private final DecodingBackend inner;
    private long prefillNanos;

    FixedLengthBackend(DecodingBackend inner) {
        this.inner = inner;
    }

    /** Nanoseconds spent in {@link #start} (prompt prefill) since the last call; resets the count. */
    long takePrefillNanos() {
        long n = prefillNanos;
        prefillNanos = 0;
        return n;
    }

    @Override
    public String modelId() { return inner.modelId(); }

    @Override
    public int vocabularySize() { return inner.vocabularySize(); }

    @Override
    public Set<Integer> endOfSequenceIds() { return Set.of(); }

    @Override
    public DecodingBatch start(List<ChatMessage> messages, int size, int topK, int maxNewTokens) {
        long t0 = System.nanoTime();
        DecodingBatch batch = inner.start(messages, size, topK, maxNewTokens);
        prefillNanos += System.nanoTime() - t0;
        return batch;
    }

    @Override
    public String decode(int[] tokenIds) { return inner.decode(tokenIds); }

    @Override
    public float[] tokenEmbedding(int tokenId) { return inner.tokenEmbedding(tokenId); }

    @Override
    public boolean providesHiddenStates() { return inner.providesHiddenStates(); }
}
