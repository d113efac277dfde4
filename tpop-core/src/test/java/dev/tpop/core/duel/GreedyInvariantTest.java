package dev.tpop.core.duel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpop.core.RealModel;
import dev.tpop.core.TpopConfig;
import dev.tpop.core.backend.LocalBackend;
import dev.tpop.core.reward.BaseModelFeaturizer;
import dev.tpop.core.reward.RewardNetwork;
import dev.tpop.core.reward.UncertaintyModel;
import dev.tpop.llm.chat.ChatMessage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * omega = 0 must reproduce the base model's greedy decoding token for token (both arms), checked
 * against the engine's own greedy loop, which never goes through top-k, features or rewards.
 */
class GreedyInvariantTest {
    static final List<String> PROMPTS = List.of(
            "What is the capital of France?",
            "Give me three tips for sleeping better.",
            "Write a haiku about the sea.",
            "Explain what a hash table is.");

    /** The engine's greedy tokens, with the end-of-sequence token appended when it stopped on one (as arms record it). */
    private static int[] engineGreedy(LocalBackend b, String query, int maxNew) {
        int[] prompt = b.promptTokens(List.of(new ChatMessage("user", query)));
        int[] greedy = b.model().greedy(prompt, maxNew, b.endOfSequenceIds());
        if (greedy.length == maxNew) return greedy;
        // it stopped early: the stop token is the argmax after the last emitted token
        var seq = b.model().newSequence(prompt.length + maxNew + 1);
        var out = b.model().prefill(seq, prompt);
        for (int t : greedy) out = b.model().step(seq, t);
        int[] withStop = Arrays.copyOf(greedy, greedy.length + 1);
        withStop[greedy.length] = dev.tpop.llm.LlamaModel.argmax(out.logits());
        return withStop;
    }

    @Test
    void omegaZeroIsExactlyGreedyForBothArms() {
        LocalBackend b = RealModel.backend();
        TpopConfig config = RealModel.config(40).with("omega", 0.0);
        BaseModelFeaturizer f = new BaseModelFeaturizer(b, config.featureDimension(), 1);
        DuelingDecoder d = new DuelingDecoder(b, f, config);
        // a trained-looking reward with large weights: omega = 0 must still ignore it entirely
        RewardNetwork theta = randomLastLayer(f.dimension() + 1, config.hiddenUnits());
        UncertaintyModel v = UncertaintyModel.initial(theta.lastLayerDimension(), 1.0, 32);
        for (String q : PROMPTS) {
            int[] greedy = engineGreedy(b, q, 40);
            Duel duel = d.duel(q, theta, v);
            assertArrayEquals(greedy, duel.exploit().tokens(), "exploit arm differs from greedy for: " + q);
            assertArrayEquals(greedy, duel.explore().tokens(), "explore arm differs from greedy for: " + q);
        }
        DuelingDecoder noExplore = new DuelingDecoder(b, f, config.with("nu", 0.0));
        Duel duel = noExplore.duel(PROMPTS.get(1), theta, v);
        assertArrayEquals(engineGreedy(b, PROMPTS.get(1), 40), duel.explore().tokens());
    }

    @Test
    void aRewardThatIsNeverFiniteFallsBackToGreedyAndSaysSo() {
        LocalBackend b = RealModel.backend();
        TpopConfig config = RealModel.config(24);
        BaseModelFeaturizer f = new BaseModelFeaturizer(b, config.featureDimension(), 1);
        double[] nan = new double[RewardNetwork.parameterCount(f.dimension() + 1, config.hiddenUnits())];
        Arrays.fill(nan, Double.NaN);
        RewardNetwork broken = new RewardNetwork(f.dimension() + 1, config.hiddenUnits(), nan);
        ArmResponse r = new DuelingDecoder(b, f, config).generate(PROMPTS.get(0), broken);
        assertArrayEquals(engineGreedy(b, PROMPTS.get(0), 24), r.tokens());
        assertEquals(r.tokens().length, r.fallbacks(), "every position fell back to the base model's choice");
    }

    @Test
    void nonzeroOmegaWithATrainedRewardChangesTheAnswer() {
        LocalBackend b = RealModel.backend();
        TpopConfig config = RealModel.config(40).with("omega", 5.0);
        BaseModelFeaturizer f = new BaseModelFeaturizer(b, config.featureDimension(), 1);
        RewardNetwork theta = randomLastLayer(f.dimension() + 1, config.hiddenUnits());
        ArmResponse r = new DuelingDecoder(b, f, config).generate(PROMPTS.get(1), theta);
        assertTrue(!Arrays.equals(engineGreedy(b, PROMPTS.get(1), 40), r.tokens()),
                "a strong random reward should steer away from greedy (else omega is not applied)");
    }

    @Test
    void badInputIsRefusedClearly() {
        LocalBackend b = RealModel.backend();
        TpopConfig config = RealModel.config(8).with("topK", 1_000_000);
        BaseModelFeaturizer f = new BaseModelFeaturizer(b, config.featureDimension(), 1);
        DuelingDecoder d = new DuelingDecoder(b, f, config);
        assertEquals(b.vocabularySize(), d.effectiveTopK(), "top_k is clamped to the vocabulary");
        RewardNetwork theta = RewardNetwork.initialize(f, config.hiddenUnits(), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.generate("   ", theta));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertEquals(8, d.generate("Say hi.", theta).tokens().length <= 8 ? 8 : -1);
    }

    static RewardNetwork randomLastLayer(int inputs, int hidden) {
        RewardNetwork init = RewardNetwork.initialize(inputs, hidden, 42);
        double[] t = init.theta();
        java.util.SplittableRandom r = new java.util.SplittableRandom(9);
        for (int i = hidden * inputs + hidden; i < t.length; i++) t[i] = 3 * r.nextGaussian();
        return new RewardNetwork(inputs, hidden, t);
    }
}
