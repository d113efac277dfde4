package dev.tpop.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.OracleParams;
import de.kherud.llama.args.LogFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.UnaryOperator;

/**
 * llama.cpp (the reference GGUF implementation, via de.kherud:llama 4.2.0) loaded on one GGUF, as the
 * oracle that {@link OracleTest} and {@link Qwen2OracleTest} compare our engine with. It measures; the
 * tests keep their prompts, thresholds and assertions.
 *
 * <p><b>How llama.cpp's numbers are obtained.</b> The binding's {@code n_probs} path
 * ({@code setNProbs}) aborts the JVM in 4.2.0 (its JNI looks up a {@code tok_str} key the bundled server
 * no longer emits), so we cannot read its probabilities. Instead we measure llama.cpp's logit
 * <em>gaps</em> exactly by bisection: token {@code j} wins greedy decoding once a logit bias
 * {@code b > logit(top1) - logit(j)} is added to it, so the smallest such {@code b} is llama.cpp's gap to
 * {@code j}. Gaps determine the softmax over the top-k up to the normaliser, which is what "the
 * probabilities agree" means.
 */
final class LlamaCppOracle implements AutoCloseable {
    private final de.kherud.llama.LlamaModel llama;
    private final String label;
    private final int bisectionSteps;

    /**
     * @param label printed at the start of every line this oracle prints, e.g. {@code [oracle]}
     * @param bisectionSteps halvings of the bias interval per gap (resolution vs number of llama.cpp calls)
     * @param options model parameters beyond the shared ones (2 threads, 1024-token context)
     */
    LlamaCppOracle(Path gguf, String label, int bisectionSteps, UnaryOperator<ModelParameters> options) {
        this.label = label;
        this.bisectionSteps = bisectionSteps;
        de.kherud.llama.LlamaModel.setLogger(LogFormat.TEXT, (level, msg) -> {});
        llama = new de.kherud.llama.LlamaModel(options.apply(new ModelParameters().setModel(gguf.toString())
                .setThreads(2).setThreadsBatch(2).setCtxSize(1024)));
    }

    /** The binding itself, for what this class does not wrap (templates, raw completions). */
    de.kherud.llama.LlamaModel model() {
        return llama;
    }

    int[] encode(String text) {
        return llama.encode(text);
    }

    String decode(List<Integer> tokens) {
        return llama.decode(tokens.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public void close() {
        llama.close();
    }

    /** A greedy llama.cpp request on exact token ids (the server reads a JSON array prompt as ids). */
    static InferenceParameters greedyRequest(int[] tokens, int nPredict) {
        var p = new InferenceParameters("").setTemperature(0).setNPredict(nPredict).setSeed(1).setCachePrompt(true);
        return OracleParams.set(p, "prompt", Arrays.toString(tokens));
    }

    /**
     * Smallest logit bias on {@code token} (whose text is {@code text}) that makes llama.cpp's greedy
     * choice {@code token} after {@code prompt}: its top-1 gap. {@code guess} (our gap) sets the first bracket.
     */
    float gap(int[] prompt, int token, String text, float guess) {
        float lo = 0f, hi = Math.max(1f, guess + 2f);
        while (!picks(prompt, token, text, hi)) { lo = hi; hi *= 2; }
        for (int it = 0; it < bisectionSteps; it++) {
            float mid = (lo + hi) / 2;
            if (picks(prompt, token, text, mid)) hi = mid; else lo = mid;
        }
        return (lo + hi) / 2;
    }

    private boolean picks(int[] prompt, int token, String text, float bias) {
        var p = greedyRequest(prompt, 1).setTokenIdBias(Map.of(token, bias));
        return llama.complete(p).equals(text);
    }

    /** One top-k token at the first generated position: our gap to top-1 and llama.cpp's. */
    record Gap(String question, int rank, int token, String text, float ours, float theirs) {
        float diff() {
            return Math.abs(ours - theirs);
        }

        String describe() {
            return "'" + question + "': logit gap to token " + token + " ('" + text + "')";
        }
    }

    /** The gaps compared and their absolute differences (logits): how many, the worst, the mean. */
    record GapStats(List<Gap> gaps, int count, double max, double mean) {
        @Override
        public String toString() {
            return String.format("|gap diff| max %.4f mean %.4f logits over %d gaps", max, mean, count);
        }
    }

    /**
     * For each question, our top-{@code k} tokens at the first generated position (after the prompt
     * {@code promptOf} builds), and for ranks 1..k-1 our logit gap to the top-1 against llama.cpp's,
     * measured by {@link #gap}; each is printed. llama.cpp's greedy first token must be our top-1, or its
     * gaps would be to another token. Tokens whose text is empty or that of the top-1 are skipped
     * (a text cannot tell them apart).
     */
    GapStats firstStepGaps(LlamaModel ours, List<String> questions, Function<String, int[]> promptOf, int k) {
        List<Gap> gaps = new ArrayList<>();
        for (String q : questions) {
            int[] prompt = promptOf.apply(q);
            float[] logits = ours.prefill(ours.newSequence(prompt.length), prompt).logits();
            Integer[] order = topK(logits, k);
            String top1 = llama.decode(new int[] {order[0]});
            assertEquals(top1, llama.complete(greedyRequest(prompt, 1)), "'" + q + "': first token differs");
            double[] probs = softmaxTop(logits, order);
            for (int r = 1; r < order.length; r++) {
                int j = order[r];
                String text = llama.decode(new int[] {j});
                if (text.isEmpty() || text.equals(top1)) continue;
                float ourGap = logits[order[0]] - logits[j];
                Gap g = new Gap(q, r, j, text, ourGap, gap(prompt, j, text, ourGap));
                gaps.add(g);
                System.out.printf("%s %-40s rank %d %-12s p=%.4f gap ours %.3f llama.cpp %.3f%n",
                        label, q, r, "'" + text.replace("\n", "\\n") + "'", probs[r], g.ours(), g.theirs());
            }
        }
        double max = 0, total = 0;
        for (Gap g : gaps) {
            max = Math.max(max, g.diff());
            total += g.diff();
        }
        return new GapStats(List.copyOf(gaps), gaps.size(), max, total / gaps.size());
    }

    /**
     * Our greedy tokens for one prompt next to llama.cpp's greedy text. {@code agree} counts our leading
     * tokens that spell a prefix of llama.cpp's text; {@code diverge} is the first step that does not
     * (also when we stopped early and llama.cpp went on), -1 if none; {@code margins} holds our top-2
     * margin at each step.
     */
    record GreedyRun(String question, List<Integer> tokens, List<Float> margins, String ourText, String refText,
            int agree, int diverge) {
        boolean diverged() {
            return diverge >= 0;
        }

        float divergeMargin() {
            return margins.get(diverge);
        }

        /** Tokens known to be identical: all of ours, or those before the divergence. */
        int compared() {
            return diverged() ? diverge : tokens.size();
        }

        String summary() {
            return String.format("agree %d/%d tokens%s", agree, tokens.size(),
                    diverged() ? String.format(" (diverge at step %d, our margin %.3f)", diverge, divergeMargin()) : "");
        }

        String divergence() {
            return "'" + question + "': greedy decoding diverges from llama.cpp at step " + diverge
                    + " where our top-2 margin is " + divergeMargin() + " (not a near-tie)\n ours: " + ourText
                    + "\n llama.cpp: " + refText;
        }
    }

    /** Greedy-decodes up to {@code newTokens} tokens (stopping at an {@code eos} token) here and in llama.cpp. */
    GreedyRun greedy(LlamaModel ours, String question, int[] prompt, int newTokens, IntPredicate eos) {
        Sequence seq = ours.newSequence(prompt.length + newTokens);
        StepOutput out = ours.prefill(seq, prompt);
        List<Integer> toks = new ArrayList<>();
        List<Float> margins = new ArrayList<>();
        while (toks.size() < newTokens) {
            int best = LlamaModel.argmax(out.logits());
            margins.add(margin(out.logits()));
            if (eos.test(best)) break;
            toks.add(best);
            if (toks.size() < newTokens) out = ours.step(seq, best);
        }
        StringBuilder ref = new StringBuilder();
        for (LlamaOutput o : llama.generate(greedyRequest(prompt, newTokens))) ref.append(o.text);
        String refText = ref.toString();
        // First step at which our tokens stop spelling llama.cpp's text.
        int agree = 0;
        while (agree < toks.size() && refText.startsWith(decode(toks.subList(0, agree + 1)))) agree++;
        String ourText = decode(toks);
        boolean weStoppedEarly = agree == toks.size() && toks.size() < newTokens && !refText.equals(ourText);
        int diverge = agree < toks.size() || weStoppedEarly ? agree : -1;
        return new GreedyRun(question, List.copyOf(toks), List.copyOf(margins), ourText, refText, agree, diverge);
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
}
