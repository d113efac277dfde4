package dev.tpop.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.Pair;
import dev.tpop.llm.chat.ChatMessage;
import dev.tpop.llm.chat.ChatTemplate;
import dev.tpop.llm.chat.PromptEncoder;
import dev.tpop.llm.tokenizer.Tokenizer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The second model (Qwen2.5-Coder-0.5B-Instruct: architecture qwen2, Q/K/V biases, NEOX RoPE, Q5_0
 * weights and token embedding, untied Q8_0 LM head) against llama.cpp ({@link LlamaCppOracle}), with
 * {@link OracleTest}'s method: greedy tokens must agree up to the first near-tie (our top-2 margin below
 * {@link OracleTest#TINY_MARGIN}), and llama.cpp's logit gaps at the first generated position, measured by
 * logit-bias bisection, must be within {@link OracleTest#GAP_TOLERANCE} of ours. The tokenizer and the
 * GGUF's Jinja chat template are checked against llama.cpp's too, so the prompts compared are the ones the
 * CLI builds.
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
    static LlamaCppOracle oracle;

    @BeforeAll
    static void load() {
        var path = TestModels.qwenModel();
        ours = LlamaModel.load(path);
        tokenizer = Tokenizer.fromGguf(ours.gguf());
        template = ChatTemplate.fromGguf(ours.gguf(), tokenizer);
        encoder = new PromptEncoder(tokenizer, template);
        oracle = new LlamaCppOracle(path, "[qwen2-oracle]", 10, p -> p.enableJinja().setGpuLayers(0));
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
            String theirs = oracle.model().applyTemplate(new InferenceParameters("").setMessages(system, List.of(new Pair<>("user", q))));
            assertEquals(theirs, ourText, "chat template rendering");
            assertArrayEquals(oracle.encode(theirs), encoder.encode(List.of(ChatMessage.system(system), ChatMessage.user(q))));
        }
    }

    static int[] prompt(String question) {
        return encoder.encode(List.of(ChatMessage.user(question)));
    }

    @Test
    void greedyDecodingMatchesLlamaCpp() {
        int compared = 0;
        for (String q : QUESTIONS) {
            int[] prompt = prompt(q);
            assertEquals(151644, prompt[0], "the prompt starts with <|im_start|> (no BOS)");
            var run = oracle.greedy(ours, q, prompt, NEW_TOKENS, tokenizer.endOfSequenceIds()::contains);
            System.out.printf("[qwen2-oracle] %-48s %s: %s%n", q, run.summary(), run.ourText().replace("\n", "\\n"));
            if (run.diverged()) assertTrue(run.divergeMargin() < OracleTest.TINY_MARGIN, run.divergence());
            compared += run.compared();
        }
        System.out.printf("[qwen2-oracle] %d greedy tokens identical before any near-tie%n", compared);
        // Measured: 46 tokens compared (two prompts end at near-ties, margins 0.04 and 0.02, after 7 and 8 tokens).
        // Near-ties depend on llama.cpp's CPU kernels, so leave room, but a test that compares little must not pass.
        assertTrue(compared >= 30, "too few tokens compared before near-ties: " + compared);
    }

    /** Top-4 logit gaps at the first generated position: ours vs llama.cpp's (logit-bias bisection). */
    @Test
    void firstStepLogitGapsMatchLlamaCpp() {
        var stats = oracle.firstStepGaps(ours, QUESTIONS.subList(0, 3), Qwen2OracleTest::prompt, 4);
        System.out.printf("[qwen2-oracle] %s (tolerances %.2f, mean %.2f)%n",
                stats, OracleTest.GAP_TOLERANCE, OracleTest.MEAN_GAP_TOLERANCE);
        for (var g : stats.gaps()) assertEquals(g.theirs(), g.ours(), OracleTest.GAP_TOLERANCE, g.describe());
        assertTrue(stats.count() >= 6, "too few gaps compared: " + stats.count());
        assertTrue(stats.mean() < OracleTest.MEAN_GAP_TOLERANCE, "mean gap difference " + stats.mean());
    }
}
