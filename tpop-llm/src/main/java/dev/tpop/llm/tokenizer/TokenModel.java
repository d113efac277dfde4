package dev.tpop.llm.tokenizer;

/**
 * Turns plain text (no special tokens in it) into ids. One implementation per GGUF
 * {@code tokenizer.ggml.model}: today {@link BpeModel} for "gpt2"; a SentencePiece model for
 * "llama" plugs in here without touching {@link Tokenizer}'s special-token handling or decoding.
 */
interface TokenModel {
    void encode(String text, IntList out);
}
