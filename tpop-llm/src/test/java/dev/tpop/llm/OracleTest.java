package dev.tpop.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.OracleParams;
import de.kherud.llama.args.LogFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our engine against llama.cpp (the reference GGUF implementation, via de.kherud:llama 4.2.0) on the
 * default model and real chat prompts.
 *
 * <p><b>How llama.cpp's numbers are obtained.</b> The binding's {@code n_probs} path aborts the JVM in
 * 4.2.0 (its JNI looks up a {@code tok_str} key the bundled server no longer emits), so we cannot read
 * its probabilities. Instead we measure llama.cpp's logit <em>gaps</em> exactly by bisection: token
 * {@code j} wins greedy decoding once a logit bias {@code b > logit(top1) - logit(j)} is added to it,
 * so the smallest such {@code b} is llama.cpp's gap to {@code j}. Gaps determine the softmax over the
 * top-k up to the normaliser, which is what "the probabilities agree" means.
 *
 * <p><b>Tolerances.</b> llama.cpp does not compute what we compute: for Q4_1/Q8_0 weights its CPU
 * matmuls first quantize each activation vector to 8 bits (q8_1/q8_0 blocks of 32, i.e. ~0.4% relative
 * error per element), and it keeps the KV cache in f16; we keep activations and cache in f32. Those
 * errors pass through 30 layers and end up as logit noise that grows with the gap itself. Measured on
 * these prompts (first generated position, top-4 tokens, gaps 0.9..3.6 logits) the differences were
 * 0.04..0.30 logits, median ~0.1 (the test prints them). We allow {@link #GAP_TOLERANCE} = 0.5 logits per
 * gap (probability ratios within a factor 1.65), ~1.6x the worst case seen, and require the mean
 * difference to stay below {@link #MEAN_GAP_TOLERANCE}; real bugs (a wrong RoPE pairing, norm or quant
 * layout) move gaps by whole logits and change the argmax. The same noise can flip a near-tie, so a
 * greedy step whose top-2 margin in our logits is below {@link #TINY_MARGIN} (= the gap tolerance) may
 * legitimately go the other way; after such a step we stop comparing that prompt.
 */
class OracleTest {
    static final float GAP_TOLERANCE = 0.5f;
    static final float MEAN_GAP_TOLERANCE = 0.2f;
    static final float TINY_MARGIN = GAP_TOLERANCE;
    static final int NEW_TOKENS = 40;
    static final int EOS = 2;

    static final List<String> QUESTIONS = List.of(
            "What is the capital of France?",
            "Write a haiku about the sea.",
            "Explain in two sentences why the sky is blue.",
            "List three fruits that are red.",
            "How do I reverse a string in Python?",
            "Give me a tip for staying focused while studying.");

    static LlamaModel ours;
    static de.kherud.llama.LlamaModel oracle;

    @BeforeAll
    static void load() {
        var path = TestModels.defaultModel();
        ours = LlamaModel.load(path);
        de.kherud.llama.LlamaModel.setLogger(LogFormat.TEXT, (level, msg) -> {});
        oracle = new de.kherud.llama.LlamaModel(new ModelParameters().setModel(path.toString())
                .setThreads(2).setThreadsBatch(2).setCtxSize(1024));
    }

    @AfterAll
    static void close() {
        if (oracle != null) oracle.close();
        if (ours != null) ours.close();
    }

    static String chat(String question) {
        return "<|im_start|>user\n" + question + "<|im_end|>\n<|im_start|>assistant\n";
    }

    /** A greedy llama.cpp request on exact token ids (the server reads a JSON array prompt as ids). */
    static InferenceParameters greedyRequest(int[] tokens, int nPredict) {
        var p = new InferenceParameters("").setTemperature(0).setNPredict(nPredict).setSeed(1).setCachePrompt(true);
        return OracleParams.set(p, "prompt", Arrays.toString(tokens));
    }

    @Test
    void greedyDecodingMatchesLlamaCpp() {
        int compared = 0;
        for (String q : QUESTIONS) {
            int[] prompt = oracle.encode(chat(q));
            assertEquals(1, prompt[0], "llama.cpp must parse <|im_start|> as a special token");
            // Our greedy run, keeping each step's top-2 margin.
            Sequence seq = ours.newSequence(prompt.length + NEW_TOKENS);
            StepOutput out = ours.prefill(seq, prompt);
            List<Integer> toks = new ArrayList<>();
            List<Float> margins = new ArrayList<>();
            while (toks.size() < NEW_TOKENS) {
                int best = LlamaModel.argmax(out.logits());
                margins.add(margin(out.logits()));
                if (best == EOS) break;
                toks.add(best);
                if (toks.size() < NEW_TOKENS) out = ours.step(seq, best);
            }
            StringBuilder ref = new StringBuilder();
            for (LlamaOutput o : oracle.generate(greedyRequest(prompt, NEW_TOKENS))) ref.append(o.text);
            String refText = ref.toString();
            // First step at which our tokens stop spelling llama.cpp's text.
            int agree = 0;
            while (agree < toks.size() && refText.startsWith(decode(toks.subList(0, agree + 1)))) agree++;
            boolean weStoppedEarly = agree == toks.size() && toks.size() < NEW_TOKENS
                    && !refText.equals(decode(toks));
            int diverge = agree < toks.size() || weStoppedEarly ? agree : -1;
            System.out.printf("[oracle] %-48s agree %d/%d tokens%s%n", q, agree, toks.size(),
                    diverge < 0 ? "" : String.format(" (diverge at step %d, our margin %.3f)", diverge, margins.get(diverge)));
            if (diverge >= 0) {
                assertTrue(margins.get(diverge) < TINY_MARGIN, "'" + q + "': greedy decoding diverges from llama.cpp at step "
                        + diverge + " where our top-2 margin is " + margins.get(diverge) + " (not a near-tie)\n ours: "
                        + decode(toks) + "\n llama.cpp: " + refText);
            }
            compared += diverge < 0 ? toks.size() : diverge;
        }
        // Measured: 98 tokens compared (3 prompts end at near-ties after 1, 2 and 8 tokens). Near-ties depend on
        // llama.cpp's CPU kernels, so leave room, but a test that compares almost nothing must not pass.
        assertTrue(compared >= 64, "too few tokens compared before near-ties: " + compared);
    }

    /**
     * Top-k logit gaps at the first generated position: ours vs llama.cpp's, measured by logit-bias bisection.
     */
    @Test
    void firstStepLogitGapsMatchLlamaCpp() {
        double worst = 0, total = 0;
        int count = 0;
        for (String q : QUESTIONS.subList(0, 5)) {
            int[] prompt = oracle.encode(chat(q));
            float[] logits = ours.prefill(ours.newSequence(prompt.length), prompt).logits();
            Integer[] order = topK(logits, 4);
            String top1 = oracle.decode(new int[] {order[0]});
            assertEquals(top1, oracle.complete(greedyRequest(prompt, 1)), "'" + q + "': first token differs");
            double[] probs = softmaxTop(logits, order);
            for (int r = 1; r < order.length; r++) {
                int j = order[r];
                String text = oracle.decode(new int[] {j});
                if (text.isEmpty() || text.equals(top1)) continue;
                float ourGap = logits[order[0]] - logits[j];
                float theirGap = llamaGap(prompt, j, text, ourGap);
                worst = Math.max(worst, Math.abs(ourGap - theirGap));
                total += Math.abs(ourGap - theirGap);
                count++;
                System.out.printf("[oracle] %-40s rank %d %-12s p=%.4f gap ours %.3f llama.cpp %.3f%n",
                        q, r, "'" + text.replace("\n", "\\n") + "'", probs[r], ourGap, theirGap);
                assertEquals(theirGap, ourGap, GAP_TOLERANCE, "'" + q + "': logit gap to token " + j + " ('" + text + "')");
            }
        }
        System.out.printf("[oracle] |gap diff| max %.4f mean %.4f logits over %d gaps (tolerances %.2f, mean %.2f)%n",
                worst, total / count, count, GAP_TOLERANCE, MEAN_GAP_TOLERANCE);
        assertTrue(count >= 10, "too few gaps compared: " + count);
        assertTrue(total / count < MEAN_GAP_TOLERANCE, "mean gap difference " + total / count);
    }

    /** Smallest logit bias on {@code token} that makes llama.cpp's greedy choice {@code token}: its top-1 gap. */
    private float llamaGap(int[] prompt, int token, String text, float guess) {
        float lo = 0f, hi = Math.max(1f, guess + 2f);
        while (!picks(prompt, token, text, hi)) { lo = hi; hi *= 2; }
        for (int it = 0; it < 12; it++) {
            float mid = (lo + hi) / 2;
            if (picks(prompt, token, text, mid)) hi = mid; else lo = mid;
        }
        return (lo + hi) / 2;
    }

    private boolean picks(int[] prompt, int token, String text, float bias) {
        var p = greedyRequest(prompt, 1).setTokenIdBias(Map.of(token, bias));
        return oracle.complete(p).equals(text);
    }

    /** Tokens per second of our greedy decode (1 and 2 sequences) and llama.cpp's, printed for the record. */
    @Test
    void throughputReport() {
        int[] prompt = oracle.encode(chat("Write a short story about a robot who learns to paint."));
        int n = 64;
        for (int warm = 0; warm < 2; warm++) ours.greedy(prompt, 16, Set.of());
        Sequence a = ours.newSequence(prompt.length + n + 1);
        int t = LlamaModel.argmax(ours.prefill(a, prompt).logits());
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) t = LlamaModel.argmax(ours.step(a, t).logits());
        double one = n / ((System.nanoTime() - t0) / 1e9);
        Sequence b = ours.newSequence(prompt.length + n + 1), c = b;
        int tb = LlamaModel.argmax(ours.prefill(b, prompt).logits());
        c = b.fork();
        int[] pair = {tb, tb};
        t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            List<StepOutput> outs = ours.step(List.of(b, c), pair);
            pair = new int[] {LlamaModel.argmax(outs.get(0).logits()), LlamaModel.argmax(outs.get(1).logits())};
        }
        double two = 2 * n / ((System.nanoTime() - t0) / 1e9);
        long p0 = System.nanoTime();
        ours.prefill(ours.newSequence(prompt.length), prompt);
        double prefill = prompt.length / ((System.nanoTime() - p0) / 1e9);
        oracle.complete(greedyRequest(prompt, 8).setIgnoreEos(true));
        t0 = System.nanoTime();
        oracle.complete(greedyRequest(prompt, n + 1).setIgnoreEos(true)); // prompt is cached: ~n decode steps
        double ref = n / ((System.nanoTime() - t0) / 1e9);
        System.out.printf("[perf] ours 1 seq: %.1f tok/s, ours batch of 2: %.1f tok/s total, ours prefill: %.1f tok/s, "
                + "llama.cpp (2 threads): %.1f tok/s, ratio 1-seq %.2f%n", one, two, prefill, ref, one / ref);
        assertTrue(one > 0 && two > 0);
    }

    static float margin(float[] logits) {
        Integer[] top = topK(logits, 2);
        return logits[top[0]] - logits[top[1]];
    }

    static Integer[] topK(float[] v, int k) {
        Integer[] best = new Integer[k];
        for (int r = 0; r < k; r++) {
            int b = -1;
            for (int i = 0; i < v.length; i++) {
                boolean taken = false;
                for (int s = 0; s < r; s++) taken |= best[s] == i;
                if (!taken && (b < 0 || v[i] > v[b])) b = i;
            }
            best[r] = b;
        }
        return best;
    }

    static double[] softmaxTop(float[] logits, Integer[] order) {
        double max = logits[order[0]], sum = 0;
        for (float l : logits) sum += Math.exp(l - max);
        double[] p = new double[order.length];
        for (int r = 0; r < order.length; r++) p[r] = Math.exp(logits[order[r]] - max) / sum;
        return p;
    }

    static String decode(List<Integer> toks) {
        return oracle.decode(toks.stream().mapToInt(Integer::intValue).toArray());
    }
}
