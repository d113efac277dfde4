package dev.tpop.core.backend;

import dev.tpop.llm.chat.ChatMessage;
import java.util.List;
import java.util.Set;

/**
 * Where next-token distributions come from: the in-process GGUF engine or an inference server.
 * The dueling decoder needs nothing else from a model, which is what lets tpop personalize models
 * it does not run itself.
 */
public interface DecodingBackend extends AutoCloseable {
    /** A name for logs, results and the API's model list. */
    String modelId();

    int vocabularySize();

    /** Every token id that ends a response (a model may have several). */
    Set<Integer> endOfSequenceIds();

    /**
     * Starts {@code size} sequences that all continue the chat prompt {@code messages}.
     *
     * @param topK candidates returned per position; clamped to the vocabulary by the caller
     * @param maxNewTokens the most tokens any sequence will get, so a backend can size its caches
     */
    DecodingBatch start(List<ChatMessage> messages, int size, int topK, int maxNewTokens);

    /** Text of a response given as token ids; never re-tokenized afterwards. */
    String decode(int[] tokenIds);

    /** Input embedding of a token, or {@code null} where the backend cannot provide it. */
    default float[] tokenEmbedding(int tokenId) {
        return null;
    }

    /** Whether {@link NextTokens#hidden()} is filled. */
    default boolean providesHiddenStates() {
        return false;
    }

    @Override
    default void close() {}
}
