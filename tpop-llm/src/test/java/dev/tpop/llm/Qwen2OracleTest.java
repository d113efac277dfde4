package dev.tpop.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaOutput;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.OracleParams;
import de.kherud.llama.Pair;
import de.kherud.llama.args.LogFormat;
import dev.tpop.llm.chat.ChatMessage;
import dev.tpop.llm.chat.ChatTemplate;
import dev.tpop.llm.chat.PromptEncoder;
import dev.tpop.llm.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The second model (Qwen2.5-Coder-0.5B-Instruct: architecture qwen2, Q/K/V biases, NEOX RoPE, Q5_0
 * weights and token embedding, untied Q8_0 LM head) against llama.cpp, with {@link OracleTest}'s method:
 * greedy tokens must agree up to the first near-tie (our top-2 margin below {@link OracleTest#TINY_MARGIN}),
 * and llama.cpp's logit gaps at the first generated position, measured by logit-bias bisection, must be
 * within {@link OracleTest#GAP_TOLERANCE} of ours. The tokenizer and the GGUF's Jinja chat template are
 * checked against llama.cpp's too, so the prompts compared are the ones the CLI builds.
 *
 * <p>Fewer prompts and tokens than for SmolLM2: this model is ~4x larger, and the test must stay short.
 */
class Qwen2OracleTest {
    static final int NEW_TOKENS = 24;
    static final List<String> QUESTIONS = List.of(
            "What is the capital of France?",
            "Explain in two sentences why the sky is blue.",
            "Write a Python function that reverses a string.",
            "Give me a tip for staying focused while studying.");

    static LlamaModel ours;
    static Tokenizer tokenizer;
    static PromptEncoder encoder;
    static ChatTemplate template;
    static de.kherud.llama.LlamaModel oracle;

    @BeforeAll
    static void load() {
        var path = TestModels.qwenModel();
        ours = LlamaModel.load(path);
        tokenizer = Tokenizer.fromGguf(ours.gguf());
        template = ChatTemplate.fromGguf(ours.gguf(), tokenizer);
        encoder = new PromptEncoder(tokenizer, template);
        de.kherud.llama.LlamaModel.setLogger(LogFormat.TEXT, (level, msg) -> {});
        oracle = new de.kherud.llama.LlamaModel(new ModelParameters().setModel(path.toString()).enableJinja()
                .setThreads(2).setThreadsBatch(2).setCtxSize(1024).setGpuLayers(0));
    }

    @AfterAll
    static void close() {
        if (oracle != null) oracle.close();
        if (ours != null) ours.close();
    }

    @Test
    void configIsQwen2WithBiasesAndNeoxRope() {
        ModelConfig c = ours.config();
        assertEquals("qwen2", c.architecture());
        assertTrue(c.neoxRope());
        assertEquals(List.of(896, 4864, 24, 14, 2, 64, 151936), List.of(c.dim(), c.hiddenDim(), c.layers(), c.heads(),
                c.kvHeads(), c.headDim(), c.vocabSize()));
        assertEquals(1e6f, c.ropeTheta());
        assertEquals(151645, tokenizer.tokenId("<|im_end|>"));
        assertTrue(tokenizer.endOfSequenceIds().contains(151645));
    }

    /** The GGUF's own template (with {@code {{- }}} whitespace control); expected strings rendered by jinja2 3.1.6 as HF does. */
    @Test
    void chatTemplateRendersLikeJinja2() {
        String qwen = "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n";
        assertEquals(qwen + "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n",
                template.render(List.of(ChatMessage.user("What is 2+2?")), true));
        assertEquals("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi there!<|im_end|>\n<|im_start|>assistant\n",
                template.render(List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi there!")), true));
        assertEquals(qwen + "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello!<|im_end|>\n<|im_start|>user\nBye<|im_end|>\n",
                template.render(List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello!"), ChatMessage.user("Bye")), false));
    }

    /** Our tokenizer and our rendering of the GGUF's chat template against llama.cpp's (with --jinja). */
    @Test
    void tokenizerAndChatTemplateMatchLlamaCpp() {
        for (String s : List.of("Hello, world!", "def reverse(s: str) -> str:\n    return s[::-1]\n",
                "  Ünïcödé 日本語 🙂 1234567 it's", "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n")) {
            assertArrayEquals(oracle.encode(s), tokenizer.encodeWithSpecialTokens(s), () -> "tokenizing " + s);
        }
        String system = "You are a concise assistant.";
        for (String q : QUESTIONS.subList(0, 2)) {
            String ourText = template.render(List.of(ChatMessage.system(system), ChatMessage.user(q)), true);
            String theirs = oracle.applyTemplate(new InferenceParameters("").setMessages(system, List.of(new Pair<>("user", q))));
            assertEquals(theirs, ourText, "chat template rendering");
            assertArrayEquals(oracle.encode(theirs), encoder.encode(List.of(ChatMessage.system(system), ChatMessage.user(q))));
        }
    }

    static int[] prompt(String question) {
        return encoder.encode(List.of(ChatMessage.user(question)));
    }

    static InferenceParameters greedyRequest(int[] tokens, int nPredict) {
        var p = new InferenceParameters("").setTemperature(0).setNPredict(nPredict).setSeed(1).setCachePrompt(true);
        return OracleParams.set(p, "prompt", Arrays.toString(tokens));
    }

    @Test
    void greedyDecodingMatchesLlamaCpp() {
        int compared = 0;
        for (String q : QUESTIONS) {
            int[] prompt = prompt(q);
            assertEquals(151644, prompt[0], "the prompt starts with <|im_start|> (no BOS)");
            Sequence seq = ours.newSequence(prompt.length + NEW_TOKENS);
            StepOutput out = ours.prefill(seq, prompt);
            List<Integer> toks = new ArrayList<>();
            List<Float> margins = new ArrayList<>();
            while (toks.size() < NEW_TOKENS) {
                int best = LlamaModel.argmax(out.logits());
                margins.add(OracleTest.margin(out.logits()));
                if (tokenizer.endOfSequenceIds().contains(best)) break;
                toks.add(best);
                if (toks.size() < NEW_TOKENS) out = ours.step(seq, best);
            }
            StringBuilder ref = new StringBuilder();
            for (LlamaOutput o : oracle.generate(greedyRequest(prompt, NEW_TOKENS))) ref.append(o.text);
            String refText = ref.toString();
            int agree = 0;
            while (agree < toks.size() && refText.startsWith(decode(toks.subList(0, agree + 1)))) agree++;
            boolean weStoppedEarly = agree == toks.size() && toks.size() < NEW_TOKENS && !refText.equals(decode(toks));
            int diverge = agree < toks.size() || weStoppedEarly ? agree : -1;
            System.out.printf("[qwen2-oracle] %-48s agree %d/%d tokens%s: %s%n", q, agree, toks.size(),
                    diverge < 0 ? "" : String.format(" (diverge at step %d, our margin %.3f)", diverge, margins.get(diverge)),
                    decode(toks).replace("\n", "\\n"));
            if (diverge >= 0) {
                assertTrue(margins.get(diverge) < OracleTest.TINY_MARGIN, "'" + q + "': greedy decoding diverges from llama.cpp at step "
                        + diverge + " where our top-2 margin is " + margins.get(diverge) + " (not a near-tie)\n ours: "
                        + decode(toks) + "\n llama.cpp: " + refText);
            }
            compared += diverge < 0 ? toks.size() : diverge;
        }
        System.out.printf("[qwen2-oracle] %d greedy tokens identical before any near-tie%n", compared);
        // Measured: 46 tokens compared (two prompts end at near-ties, margins 0.04 and 0.02, after 7 and 8 tokens).
        // Near-ties depend on llama.cpp's CPU kernels, so leave room, but a test that compares little must not pass.
        assertTrue(compared >= 30, "too few tokens compared before near-ties: " + compared);
    }

    /** Top-4 logit gaps at the first generated position: ours vs llama.cpp's (logit-bias bisection). */
    @Test
    void firstStepLogitGapsMatchLlamaCpp() {
        double worst = 0, total = 0;
        int count = 0;
        for (String q : QUESTIONS.subList(0, 3)) {
            int[] prompt = prompt(q);
            float[] logits = ours.prefill(ours.newSequence(prompt.length), prompt).logits();
            Integer[] order = OracleTest.topK(logits, 4);
            String top1 = oracle.decode(new int[] {order[0]});
            assertEquals(top1, oracle.complete(greedyRequest(prompt, 1)), "'" + q + "': first token differs");
            double[] probs = OracleTest.softmaxTop(logits, order);
            for (int r = 1; r < order.length; r++) {
                int j = order[r];
                String text = oracle.decode(new int[] {j});
                if (text.isEmpty() || text.equals(top1)) continue;
                float ourGap = logits[order[0]] - logits[j];
                float theirGap = llamaGap(prompt, j, text, ourGap);
                worst = Math.max(worst, Math.abs(ourGap - theirGap));
                total += Math.abs(ourGap - theirGap);
                count++;
                System.out.printf("[qwen2-oracle] %-40s rank %d %-12s p=%.4f gap ours %.3f llama.cpp %.3f%n",
                        q, r, "'" + text.replace("\n", "\\n") + "'", probs[r], ourGap, theirGap);
                assertEquals(theirGap, ourGap, OracleTest.GAP_TOLERANCE, "'" + q + "': logit gap to token " + j + " ('" + text + "')");
            }
        }
        System.out.printf("[qwen2-oracle] |gap diff| max %.4f mean %.4f logits over %d gaps (tolerances %.2f, mean %.2f)%n",
                worst, total / count, count, OracleTest.GAP_TOLERANCE, OracleTest.MEAN_GAP_TOLERANCE);
        assertTrue(count >= 6, "too few gaps compared: " + count);
        assertTrue(total / count < OracleTest.MEAN_GAP_TOLERANCE, "mean gap difference " + total / count);
    }

    private float llamaGap(int[] prompt, int token, String text, float guess) {
        float lo = 0f, hi = Math.max(1f, guess + 2f);
        while (!picks(prompt, token, text, hi)) { lo = hi; hi *= 2; }
        for (int it = 0; it < 10; it++) {
            float mid = (lo + hi) / 2;
            if (picks(prompt, token, text, mid)) hi = mid; else lo = mid;
        }
        return (lo + hi) / 2;
    }

    private boolean picks(int[] prompt, int token, String text, float bias) {
        var p = greedyRequest(prompt, 1).setTokenIdBias(Map.of(token, bias));
        return oracle.complete(p).equals(text);
    }

    static String decode(List<Integer> toks) {
        return oracle.decode(toks.stream().mapToInt(Integer::intValue).toArray());
    }
}
