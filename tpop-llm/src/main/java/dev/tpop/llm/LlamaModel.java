package dev.tpop.llm;

import dev.tpop.llm.gguf.GgufException;
import dev.tpop.llm.gguf.GgufFile;
import dev.tpop.llm.gguf.GgufTensorInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.incubator.vector.FloatVector;

/**
 * A Llama-family decoder (RMSNorm, RoPE, grouped-query attention, SwiGLU), computed in plain Java
 * straight from a memory-mapped GGUF file.
 *
 * <p>Every forward pass works on a batch of "rows", each a (sequence, token, position) triple: a
 * prompt prefill is many rows of one sequence, a batched {@link #step} is one row per sequence. Each
 * weight matrix is streamed from memory once per forward for all rows ({@link WeightMatrix#matmul}),
 * which is what makes decoding several sequences together cheaper than one after another.
 *
 * <p>RoPE rotates adjacent pairs {@code (2i, 2i+1)}: llama.cpp's converter permutes the Q/K weights of
 * Hugging Face llama checkpoints so that this "normal" rotation equals HF's rotate-half (as llama3.java
 * does). qwen2 files are not permuted, so for them we rotate {@code (i, i + headDim/2)} (NEOX style,
 * {@link ModelConfig#neoxRope()}), and add the Q/K/V biases qwen2 has after the projections.
 */
public final class LlamaModel implements AutoCloseable {
    /** Prompt positions pushed through the matmuls together; bounds the activation memory of a prefill. */
    private static final int PREFILL_CHUNK = 128;

    private final GgufFile gguf;
    private final ModelConfig config;
    private final LlamaWeights w;
    /** RoPE inverse frequencies, one per rotated pair of a head. */
    private final float[] ropeFreqs;

    private LlamaModel(GgufFile gguf) {
        this.gguf = gguf;
        this.config = ModelConfig.from(gguf);
        this.w = LlamaWeights.load(gguf, config);
        int half = config.headDim() / 2;
        ropeFreqs = new float[half];
        for (int i = 0; i < half; i++) {
            double f = 1.0 / Math.pow(config.ropeTheta(), (2.0 * i) / config.headDim());
            ropeFreqs[i] = (float) (w.ropeFactors() == null ? f : f / w.ropeFactors()[i]);
        }
    }

    /** Maps and checks a GGUF model; a missing, corrupt or unsupported file is a {@link GgufException}. */
    public static LlamaModel load(Path path) {
        GgufFile gguf = GgufFile.open(path);
        try {
            return new LlamaModel(gguf);
        } catch (RuntimeException e) {
            gguf.close();
            if (e instanceof GgufException) throw e;
            throw new GgufException("cannot load model " + path + ": " + e, e);
        }
    }

    public ModelConfig config() { return config; }

    /** The underlying file, for metadata such as the tokenizer's vocabulary and chat template. */
    public GgufFile gguf() { return gguf; }

    /** An empty sequence that can hold up to {@code maxLength} tokens (at most the context length). */
    public Sequence newSequence(int maxLength) {
        if (maxLength < 1 || maxLength > config.contextLength()) {
            throw new IllegalArgumentException("maxLength " + maxLength + " must be in 1.." + config.contextLength()
                    + " (the model's context length)");
        }
        return new Sequence(this, maxLength);
    }

    /** The (dequantized) embedding of a token. */
    public float[] tokenEmbedding(int tokenId) {
        checkToken(tokenId);
        float[] e = new float[config.dim()];
        w.tokenEmbedding().dequantizeRow(tokenId, e, 0);
        return e;
    }

    /**
     * Appends {@code tokens} to {@code seq}, pushing them through the model in chunks of positions,
     * and returns the output at the last one.
     */
    public StepOutput prefill(Sequence seq, int[] tokens) {
        checkOwn(seq);
        if (tokens.length == 0) throw new IllegalArgumentException("prefill needs at least one token");
        for (int t : tokens) checkToken(t);
        seq.reserve(tokens.length);
        StepOutput last = null;
        for (int start = 0; start < tokens.length; start += PREFILL_CHUNK) {
            int n = Math.min(PREFILL_CHUNK, tokens.length - start);
            Sequence[] seqs = new Sequence[n];
            int[] toks = new int[n];
            int[] pos = new int[n];
            for (int i = 0; i < n; i++) {
                seqs[i] = seq;
                toks[i] = tokens[start + i];
                pos[i] = seq.length() + i;
            }
            boolean lastChunk = start + n == tokens.length;
            StepOutput[] out = forward(seqs, toks, pos, lastChunk ? n - 1 : -1);
            seq.advance(n);
            if (lastChunk) last = out[n - 1];
        }
        return last;
    }

    /**
     * The batched decode step: appends {@code tokens[i]} to {@code seqs.get(i)} and runs one forward in
     * which each weight row is read once for all sequences. Returns one output per sequence, in order.
     */
    public List<StepOutput> step(List<Sequence> seqs, int[] tokens) {
        if (seqs.size() != tokens.length) {
            throw new IllegalArgumentException(seqs.size() + " sequences but " + tokens.length + " tokens");
        }
        if (tokens.length == 0) return List.of();
        Map<Sequence, Boolean> seen = new IdentityHashMap<>();
        for (int i = 0; i < tokens.length; i++) {
            Sequence s = seqs.get(i);
            checkOwn(s);
            if (seen.put(s, Boolean.TRUE) != null) {
                throw new IllegalArgumentException("sequence at index " + i + " appears twice in one step");
            }
            checkToken(tokens[i]);
            if (s.length() >= s.maxLength()) {
                throw new IllegalArgumentException("sequence at index " + i + " is full (maxLength " + s.maxLength() + ")");
            }
        }
        Sequence[] arr = seqs.toArray(new Sequence[0]);
        int[] pos = new int[arr.length];
        for (int i = 0; i < arr.length; i++) {
            arr[i].reserve(1);
            pos[i] = arr[i].length();
        }
        StepOutput[] out = forward(arr, tokens.clone(), pos, Integer.MAX_VALUE);
        for (Sequence s : arr) s.advance(1);
        List<StepOutput> result = new ArrayList<>(arr.length);
        Collections.addAll(result, out);
        return result;
    }

    /** Convenience for one sequence: {@code step(List.of(seq), new int[] {token}).get(0)}. */
    public StepOutput step(Sequence seq, int token) {
        return step(List.of(seq), new int[] {token}).get(0);
    }

    /**
     * Greedy decoding (argmax at every step) of up to {@code maxNewTokens} tokens after the prompt;
     * stops before emitting a token of {@code stopTokens}, which is not included in the result.
     */
    public int[] greedy(int[] promptTokens, int maxNewTokens, Set<Integer> stopTokens) {
        Sequence seq = newSequence(Math.min(config.contextLength(), promptTokens.length + maxNewTokens));
        StepOutput out = prefill(seq, promptTokens);
        int[] generated = new int[maxNewTokens];
        int n = 0;
        while (n < maxNewTokens) {
            int next = argmax(out.logits());
            if (stopTokens.contains(next)) break;
            generated[n++] = next;
            if (n == maxNewTokens || seq.length() == seq.maxLength()) break;
            out = step(seq, next);
        }
        return java.util.Arrays.copyOf(generated, n);
    }

    /** Index of the largest value (the first one on ties). */
    public static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    @Override
    public void close() {
        gguf.close();
    }

    /**
     * The forward pass over rows {@code (seqs[i], tokens[i], pos[i])}. Outputs (final norm + LM head)
     * are computed for row {@code outputRow} only, or for every row when it is {@code MAX_VALUE}.
     * Keys and values of all rows are written to their caches before any row attends, so rows of the
     * same sequence (a prefill chunk) see each other causally.
     */
    private StepOutput[] forward(Sequence[] seqs, int[] tokens, int[] pos, int outputRow) {
        ModelConfig c = config;
        int n = tokens.length, dim = c.dim(), qDim = c.heads() * c.headDim(), kvDim = c.kvDim();
        float[][] x = new float[n][dim], xb = new float[n][dim], tmp = new float[n][dim];
        float[][] q = new float[n][qDim], k = new float[n][kvDim], v = new float[n][kvDim], att = new float[n][qDim];
        float[][] h1 = new float[n][c.hiddenDim()], h3 = new float[n][c.hiddenDim()];
        float[][] cos = new float[n][ropeFreqs.length], sin = new float[n][ropeFreqs.length];
        for (int i = 0; i < n; i++) {
            w.tokenEmbedding().dequantizeRow(tokens[i], x[i], 0);
            for (int j = 0; j < ropeFreqs.length; j++) {
                double angle = (double) pos[i] * ropeFreqs[j];
                cos[i][j] = (float) Math.cos(angle);
                sin[i][j] = (float) Math.sin(angle);
            }
        }
        for (int l = 0; l < c.layers(); l++) {
            // Attention block: x += Wo . attend(rope(Wq . norm(x)), rope(Wk . norm(x)), Wv . norm(x))
            for (int i = 0; i < n; i++) rmsnorm(xb[i], x[i], w.attnNorm()[l]);
            WeightMatrix.matmulAll(new WeightMatrix[] {w.wq()[l], w.wk()[l], w.wv()[l]}, xb, new float[][][] {q, k, v}, n);
            for (int i = 0; i < n; i++) {
                if (w.bq()[l] != null) addInPlace(q[i], w.bq()[l]);
                if (w.bk()[l] != null) addInPlace(k[i], w.bk()[l]);
                if (w.bv()[l] != null) addInPlace(v[i], w.bv()[l]);
                rope(q[i], c.heads(), cos[i], sin[i]);
                rope(k[i], c.kvHeads(), cos[i], sin[i]);
                System.arraycopy(k[i], 0, seqs[i].keys[l], pos[i] * kvDim, kvDim);
                System.arraycopy(v[i], 0, seqs[i].values[l], pos[i] * kvDim, kvDim);
            }
            attention(l, seqs, pos, q, att);
            w.wo()[l].matmul(att, tmp, n);
            for (int i = 0; i < n; i++) addInPlace(x[i], tmp[i]);
            // Feed-forward block (SwiGLU): x += Wdown . (silu(Wgate . norm(x)) * (Wup . norm(x)))
            for (int i = 0; i < n; i++) rmsnorm(xb[i], x[i], w.ffnNorm()[l]);
            WeightMatrix.matmulAll(new WeightMatrix[] {w.wGate()[l], w.wUp()[l]}, xb, new float[][][] {h1, h3}, n);
            for (int i = 0; i < n; i++) {
                float[] g = h1[i], u = h3[i];
                for (int j = 0; j < g.length; j++) g[j] = g[j] / (1f + (float) Math.exp(-g[j])) * u[j];
            }
            w.wDown()[l].matmul(h1, tmp, n);
            for (int i = 0; i < n; i++) addInPlace(x[i], tmp[i]);
        }
        int first = outputRow == Integer.MAX_VALUE ? 0 : outputRow;
        int count = outputRow == Integer.MAX_VALUE ? n : (outputRow < 0 ? 0 : 1);
        StepOutput[] out = new StepOutput[n];
        if (count == 0) return out;
        float[][] hidden = new float[count][dim], logits = new float[count][c.vocabSize()];
        for (int i = 0; i < count; i++) rmsnorm(hidden[i], x[first + i], w.outputNorm());
        w.lmHead().matmul(hidden, logits, count);
        for (int i = 0; i < count; i++) out[first + i] = new StepOutput(logits[i], hidden[i]);
        return out;
    }

    /** Causal scaled-dot-product attention of every row over its own sequence's cache, per head. */
    private void attention(int layer, Sequence[] seqs, int[] pos, float[][] q, float[][] att) {
        ModelConfig c = config;
        int hd = c.headDim(), kvDim = c.kvDim(), group = c.heads() / c.kvHeads(), n = seqs.length;
        float scale = (float) (1.0 / Math.sqrt(hd));
        long work = 0;
        for (int p : pos) work += (long) (p + 1) * c.heads();
        java.util.function.IntConsumer task = job -> {
            int i = job / c.heads(), h = job % c.heads();
            int kvOff = (h / group) * hd;
            float[] keys = seqs[i].keys[layer], values = seqs[i].values[layer];
            int len = pos[i] + 1;
            float[] scores = new float[len];
            float max = Float.NEGATIVE_INFINITY;
            for (int t = 0; t < len; t++) {
                scores[t] = WeightMatrix.dot(q[i], h * hd, keys, t * kvDim + kvOff, hd) * scale;
                max = Math.max(max, scores[t]);
            }
            float sum = 0f;
            for (int t = 0; t < len; t++) sum += scores[t] = (float) Math.exp(scores[t] - max);
            float[] out = att[i];
            java.util.Arrays.fill(out, h * hd, h * hd + hd, 0f);
            for (int t = 0; t < len; t++) axpy(out, h * hd, scores[t] / sum, values, t * kvDim + kvOff, hd);
        };
        // Short contexts are cheaper to attend serially than to hand to the pool.
        if (work < 2048) {
            for (int job = 0; job < n * c.heads(); job++) task.accept(job);
        } else {
            WeightMatrix.Parallel.forEach(n * c.heads(), task);
        }
    }

    /** {@code out = x / rms(x) * weight}, as llama.cpp computes it. */
    private void rmsnorm(float[] out, float[] x, float[] weight) {
        float ss = WeightMatrix.dot(x, x, x.length) / x.length;
        float inv = (float) (1.0 / Math.sqrt(ss + config.rmsEps()));
        for (int j = 0; j < x.length; j++) out[j] = x[j] * inv * weight[j];
    }

    /**
     * Rotates pair {@code j} of every head by the position's angle {@code j}: the pairs are
     * {@code (2j, 2j+1)}, or {@code (j, j + headDim/2)} for NEOX-style models.
     */
    private void rope(float[] v, int heads, float[] cos, float[] sin) {
        int hd = config.headDim();
        boolean neox = config.neoxRope();
        for (int h = 0; h < heads; h++) {
            for (int j = 0; j < hd / 2; j++) {
                int a = neox ? h * hd + j : h * hd + 2 * j;
                int b = neox ? a + hd / 2 : a + 1;
                float v0 = v[a], v1 = v[b];
                v[a] = v0 * cos[j] - v1 * sin[j];
                v[b] = v0 * sin[j] + v1 * cos[j];
            }
        }
    }

    private static void addInPlace(float[] x, float[] y) {
        for (int j = 0; j < x.length; j++) x[j] += y[j];
    }

    private static void axpy(float[] out, int oo, float a, float[] x, int xo, int n) {
        var sp = WeightMatrix.F;
        int j = 0;
        for (int bound = sp.loopBound(n); j < bound; j += sp.length()) {
            FloatVector.fromArray(sp, x, xo + j).fma(FloatVector.broadcast(sp, a), FloatVector.fromArray(sp, out, oo + j)).intoArray(out, oo + j);
        }
        for (; j < n; j++) out[oo + j] += a * x[xo + j];
    }

    private void checkToken(int token) {
        if (token < 0 || token >= config.vocabSize()) {
            throw new IllegalArgumentException("token id " + token + " is out of range 0.." + (config.vocabSize() - 1));
        }
    }

    private void checkOwn(Sequence seq) {
        if (seq.model != this) throw new IllegalArgumentException("sequence belongs to another model");
    }
}
