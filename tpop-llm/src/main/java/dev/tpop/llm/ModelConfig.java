package dev.tpop.llm;

import dev.tpop.llm.gguf.GgufException;
import dev.tpop.llm.gguf.GgufFile;

/**
 * The hyper-parameters of a model, read from GGUF metadata. GGUF prefixes them with the architecture
 * name ({@code llama.embedding_length}), so supporting another Llama-like family starts by adding it
 * to {@link #SUPPORTED} and to the forward pass. {@code qwen2} is a Llama block with Q/K/V biases
 * (found by tensor name, see {@link LlamaWeights}) and NEOX-style RoPE ({@link #neoxRope()}).
 *
 * @param dim        width of the residual stream
 * @param hiddenDim  width of the SwiGLU feed-forward layer
 * @param headDim    width of one attention head ({@code dim / heads} unless the file says otherwise)
 */
public record ModelConfig(String architecture, int dim, int hiddenDim, int layers, int heads, int kvHeads,
                          int headDim, int vocabSize, int contextLength, float ropeTheta, float rmsEps) {

    /** Architectures whose forward pass {@link LlamaModel} implements. */
    public static final java.util.Set<String> SUPPORTED = java.util.Set.of("llama", "qwen2");

    public int kvDim() { return kvHeads * headDim; }

    /**
     * Whether RoPE rotates the pairs {@code (j, j + headDim/2)} of a head (GPT-NeoX / HF rotate-half)
     * instead of {@code (2j, 2j+1)}. llama.cpp's converter permutes Q/K of llama checkpoints so that
     * the adjacent-pair rotation applies, but not of qwen2 ones: llama.cpp's {@code llama_model_rope_type}
     * gives {@code LLAMA_ROPE_TYPE_NEOX} for qwen2 and {@code LLAMA_ROPE_TYPE_NORM} for llama.
     */
    public boolean neoxRope() { return architecture.equals("qwen2"); }

    static ModelConfig from(GgufFile gguf) {
        String arch = gguf.getString("general.architecture");
        if (!SUPPORTED.contains(arch)) {
            throw new GgufException(gguf.path() + " has architecture '" + arch
                    + "', which tpop does not support yet (supported: " + String.join(", ", SUPPORTED) + ")");
        }
        String p = arch + ".";
        int dim = gguf.getInt(p + "embedding_length");
        int heads = gguf.getInt(p + "attention.head_count");
        int kvHeads = gguf.getInt(p + "attention.head_count_kv", heads);
        int headDim = gguf.getInt(p + "attention.key_length", heads > 0 ? dim / heads : 0);
        int vocab = gguf.getInt(p + "vocab_size", -1);
        if (vocab < 0) {
            // Older converters omit vocab_size: the embedding's row count is authoritative anyway.
            vocab = (int) gguf.tensor("token_embd.weight").shape()[1];
        }
        ModelConfig c = new ModelConfig(arch, dim, gguf.getInt(p + "feed_forward_length"), gguf.getInt(p + "block_count"),
                heads, kvHeads, headDim, vocab, gguf.getInt(p + "context_length", 2048),
                gguf.getFloat(p + "rope.freq_base", 10000f), gguf.getFloat(p + "attention.layer_norm_rms_epsilon", 1e-5f));
        if (dim <= 0 || heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0 || headDim <= 0 || headDim % 2 != 0
                || c.layers <= 0 || c.hiddenDim <= 0 || vocab <= 0 || c.contextLength <= 0) {
            throw new GgufException(gguf.path() + " has inconsistent hyper-parameters: " + c);
        }
        return c;
    }
}
