package dev.tpop.llm;

import dev.tpop.llm.gguf.GgufException;
import dev.tpop.llm.gguf.GgufFile;
import dev.tpop.llm.gguf.GgufTensorInfo;

/**
 * The tensors of a Llama-family GGUF, by llama.cpp's names. Matrices stay packed in the mapped file;
 * only the small norm vectors are copied to float arrays. Shapes are checked here so that a
 * mismatched file fails at load with a {@link GgufException} rather than mid-forward.
 *
 * @param lmHead      {@code output.weight}, or the token embedding when the file ties them
 * @param ropeFactors optional per-pair RoPE frequency divisors ({@code rope_freqs.weight}), or null
 * @param bq          per-layer bias added after {@code Wq} ({@code attn_q.bias}, qwen2), or null entries when absent;
 *                    likewise {@code bk} and {@code bv}
 */
record LlamaWeights(WeightMatrix tokenEmbedding, WeightMatrix lmHead, float[] outputNorm, float[] ropeFactors,
                    float[][] attnNorm, float[][] ffnNorm, WeightMatrix[] wq, WeightMatrix[] wk, WeightMatrix[] wv,
                    WeightMatrix[] wo, WeightMatrix[] wGate, WeightMatrix[] wUp, WeightMatrix[] wDown,
                    float[][] bq, float[][] bk, float[][] bv) {

    static LlamaWeights load(GgufFile g, ModelConfig c) {
        int L = c.layers(), qDim = c.heads() * c.headDim();
        WeightMatrix embd = matrix(g, "token_embd.weight", c.vocabSize(), c.dim());
        WeightMatrix head = g.tensors().containsKey("output.weight") ? matrix(g, "output.weight", c.vocabSize(), c.dim()) : embd;
        float[] ropeFactors = g.tensors().containsKey("rope_freqs.weight") ? vector(g, "rope_freqs.weight", c.headDim() / 2) : null;
        float[][] attnNorm = new float[L][], ffnNorm = new float[L][];
        WeightMatrix[] wq = new WeightMatrix[L], wk = new WeightMatrix[L], wv = new WeightMatrix[L], wo = new WeightMatrix[L];
        WeightMatrix[] gate = new WeightMatrix[L], up = new WeightMatrix[L], down = new WeightMatrix[L];
        float[][] bq = new float[L][], bk = new float[L][], bv = new float[L][];
        for (int l = 0; l < L; l++) {
            String p = "blk." + l + ".";
            attnNorm[l] = vector(g, p + "attn_norm.weight", c.dim());
            ffnNorm[l] = vector(g, p + "ffn_norm.weight", c.dim());
            wq[l] = matrix(g, p + "attn_q.weight", qDim, c.dim());
            wk[l] = matrix(g, p + "attn_k.weight", c.kvDim(), c.dim());
            wv[l] = matrix(g, p + "attn_v.weight", c.kvDim(), c.dim());
            wo[l] = matrix(g, p + "attn_output.weight", c.dim(), qDim);
            gate[l] = matrix(g, p + "ffn_gate.weight", c.hiddenDim(), c.dim());
            up[l] = matrix(g, p + "ffn_up.weight", c.hiddenDim(), c.dim());
            down[l] = matrix(g, p + "ffn_down.weight", c.dim(), c.hiddenDim());
            bq[l] = optionalVector(g, p + "attn_q.bias", qDim);
            bk[l] = optionalVector(g, p + "attn_k.bias", c.kvDim());
            bv[l] = optionalVector(g, p + "attn_v.bias", c.kvDim());
        }
        return new LlamaWeights(embd, head, vector(g, "output_norm.weight", c.dim()), ropeFactors,
                attnNorm, ffnNorm, wq, wk, wv, wo, gate, up, down, bq, bk, bv);
    }

    /** A bias vector that only some architectures have (qwen2's Q/K/V), or null when the file has none. */
    private static float[] optionalVector(GgufFile g, String name, int length) {
        return g.tensors().containsKey(name) ? vector(g, name, length) : null;
    }

    private static WeightMatrix matrix(GgufFile g, String name, int rows, int cols) {
        GgufTensorInfo info = g.tensor(name);
        WeightMatrix m = WeightMatrix.of(g, info);
        if (m.rows() != rows || m.cols() != cols) {
            throw new GgufException(g.path() + ": tensor '" + name + "' is " + m.rows() + "x" + m.cols()
                    + ", expected " + rows + "x" + cols);
        }
        return m;
    }

    private static float[] vector(GgufFile g, String name, int length) {
        GgufTensorInfo info = g.tensor(name);
        if (info.elementCount() != length) {
            throw new GgufException(g.path() + ": tensor '" + name + "' has " + info.elementCount()
                    + " elements, expected " + length);
        }
        float[] v = new float[length];
        WeightMatrix.of(info.type(), g.tensorData(info), 1, length, name).dequantizeRow(0, v, 0);
        return v;
    }
}
