package dev.tpop.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine's own contracts on the default model: batching, prefill, fork, errors. */
class LlamaModelTest {
    /** "<|im_start|>user\nWhat is the capital of France?<|im_end|>\n<|im_start|>assistant\n", tokenized by llama.cpp. */
    static final int[] FRANCE = {1, 4093, 198, 1780, 314, 260, 3575, 282, 4649, 47, 2, 198, 1, 520, 9531, 198};
    static final int[] OTHER = {1, 4093, 198, 19556, 253, 1345, 2, 198, 1, 520, 9531, 198};

    static LlamaModel model;

    @BeforeAll
    static void load() { model = LlamaModel.load(TestModels.defaultModel()); }

    @AfterAll
    static void close() { model.close(); }

    @Test
    void configFromMetadata() {
        ModelConfig c = model.config();
        assertEquals(new ModelConfig("llama", 576, 1536, 30, 9, 3, 64, 49152, 8192, 100000f, 1e-5f), c);
        assertEquals(576, model.tokenEmbedding(42).length);
        assertEquals("llama", model.gguf().getString("general.architecture"));
    }

    @Test
    void greedyAnswersTheQuestion() {
        // llama.cpp decodes the same tokens: "The capital of France is Paris."
        assertArrayEquals(new int[] {504, 3575, 282, 4649, 314, 7042, 30}, model.greedy(FRANCE, 20, Set.of(2)));
    }

    @Test
    void batchedStepEqualsSteppingAlone() {
        Sequence a1 = model.newSequence(64), b1 = model.newSequence(64);
        Sequence a2 = model.newSequence(64), b2 = model.newSequence(64);
        model.prefill(a1, FRANCE);
        model.prefill(b1, OTHER);
        model.prefill(a2, FRANCE);
        model.prefill(b2, OTHER);
        int[] toks = {504, 2683};
        for (int step = 0; step < 3; step++) {
            StepOutput aloneA = model.step(a1, toks[0]), aloneB = model.step(b1, toks[1]);
            List<StepOutput> both = model.step(List.of(a2, b2), toks);
            assertArrayEquals(aloneA.logits(), both.get(0).logits(), 1e-4f);
            assertArrayEquals(aloneB.logits(), both.get(1).logits(), 1e-4f);
            assertArrayEquals(aloneA.hidden(), both.get(0).hidden(), 1e-4f);
            assertEquals(576, both.get(1).hidden().length);
            toks = new int[] {LlamaModel.argmax(aloneA.logits()), LlamaModel.argmax(aloneB.logits())};
        }
        assertEquals(FRANCE.length + 3, a2.length());
    }

    @Test
    void prefillEqualsTokenByToken() {
        StepOutput batched = model.prefill(model.newSequence(32), FRANCE);
        Sequence s = model.newSequence(32);
        StepOutput last = model.prefill(s, new int[] {FRANCE[0]});
        for (int i = 1; i < FRANCE.length; i++) last = model.step(s, FRANCE[i]);
        assertArrayEquals(batched.logits(), last.logits(), 1e-4f);
        assertArrayEquals(batched.hidden(), last.hidden(), 1e-4f);
    }

    @Test
    void forkContinuesIdenticallyAndIndependently() {
        Sequence s = model.newSequence(40);
        model.prefill(s, FRANCE);
        Sequence f = s.fork();
        assertEquals(s.length(), f.length());
        assertEquals(s.maxLength(), f.maxLength());
        StepOutput viaFork = model.step(f, 504);
        model.step(f, 3575); // advance the fork only
        StepOutput viaOriginal = model.step(s, 504);
        assertArrayEquals(viaOriginal.logits(), viaFork.logits(), 0f);
        assertEquals(FRANCE.length + 1, s.length());
        assertEquals(FRANCE.length + 2, f.length());
    }

    @Test
    void misuseIsAnIllegalArgumentException() {
        Sequence s = model.newSequence(4);
        assertThrows(IllegalArgumentException.class, () -> model.prefill(s, new int[] {49152}));
        assertThrows(IllegalArgumentException.class, () -> model.prefill(s, new int[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> model.tokenEmbedding(49152));
        assertThrows(IllegalArgumentException.class, () -> model.prefill(s, new int[] {1, 2, 3, 4, 5}));
        assertEquals(0, s.length(), "a rejected prefill leaves the sequence untouched");
        model.prefill(s, new int[] {1, 2, 3, 4});
        assertThrows(IllegalArgumentException.class, () -> model.step(s, 5));
        assertThrows(IllegalArgumentException.class, () -> model.newSequence(0));
        assertThrows(IllegalArgumentException.class, () -> model.newSequence(8193));
        Sequence t = model.newSequence(8);
        assertThrows(IllegalArgumentException.class, () -> model.step(List.of(t, t), new int[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> model.step(List.of(t), new int[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> model.prefill(t, new int[0]));
    }
}
