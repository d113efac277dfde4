package dev.tpop.core.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpop.core.Personalizer;
import dev.tpop.core.RealModel;
import dev.tpop.core.TpopConfig;
import dev.tpop.core.duel.Duel;
import dev.tpop.core.duel.DuelingDecoder;
import dev.tpop.core.reward.BtlLearner;
import dev.tpop.core.reward.Comparison;
import dev.tpop.core.reward.RewardNetwork;
import dev.tpop.core.reward.UncertaintyModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The direction invariant on real SmolLM2 answers: a user who always prefers the shorter answer
 * (property P = brevity) trains a reward that ranks held-out shorter answers first; the same data
 * with the label inverted must rank them last. (The public T-POP code trains with the label
 * inverted; this test would catch that.)
 */
class DirectionOnRealResponsesTest {
    static final String[] TRAIN = {
            "What is photosynthesis?", "How do I boil an egg?", "Why is the sky blue?", "What is a noun?",
            "How do vaccines work?", "What is inflation?", "Tell me about the moon.", "How do I learn to swim?",
            "What is machine learning?", "Why do cats purr?", "What is the water cycle?", "How do plants grow?",
            "What causes rain?", "How do airplanes fly?", "What is democracy?", "How do I make tea?"};
    static final String[] HELD_OUT = {
            "What is gravity?", "How do bees make honey?", "What is a volcano?", "Why do leaves change color?",
            "How does a computer work?", "What is a rainbow?"};

    @Test
    void rewardLearnsTheUsersDirection() {
        TpopConfig config = RealModel.config(48).with("nu", 25.0);
        DuelingDecoder d = Personalizer.withBackend(RealModel.backend(), config).decoder();
        RewardNetwork start = RewardNetwork.initialize(d.featurizer().dimension(), config.hiddenUnits(), 0);
        UncertaintyModel v = UncertaintyModel.initial(start.lastLayerDimension(), 1.0, 32);
        List<Comparison> prefersShort = new ArrayList<>(), prefersLong = new ArrayList<>();
        for (String q : TRAIN) {
            Duel duel = d.duel(q, start, v); // strong exploration makes the two answers differ
            int len1 = duel.exploit().tokens().length, len2 = duel.explore().tokens().length;
            if (len1 == len2) continue;
            double label = len1 < len2 ? 1.0 : 0.0;
            prefersShort.add(new Comparison(duel.exploit().features(), duel.explore().features(), label));
            prefersLong.add(new Comparison(duel.exploit().features(), duel.explore().features(), 1 - label));
        }
        assertTrue(prefersShort.size() >= 8, "too few answer pairs of different length: " + prefersShort.size());
        BtlLearner learner = new BtlLearner(d.featurizer().aggregation(), 1.0, 300, 0.02);
        RewardNetwork shortTheta = learner.refit(start, prefersShort);
        RewardNetwork longTheta = learner.refit(start, prefersLong);
        int agree = 0, disagreeInverted = 0, pairs = 0;
        for (String q : HELD_OUT) {
            Duel duel = d.duel(q, start, v);
            int len1 = duel.exploit().tokens().length, len2 = duel.explore().tokens().length;
            if (len1 == len2) continue;
            pairs++;
            boolean firstShorter = len1 < len2;
            double gapShort = learner.responseReward(shortTheta, duel.exploit().features())
                    - learner.responseReward(shortTheta, duel.explore().features());
            double gapLong = learner.responseReward(longTheta, duel.exploit().features())
                    - learner.responseReward(longTheta, duel.explore().features());
            if ((gapShort > 0) == firstShorter) agree++;
            if ((gapLong > 0) != firstShorter) disagreeInverted++;
        }
        assertTrue(pairs >= 3, "too few held-out pairs of different length: " + pairs);
        assertTrue(agree >= pairs - 1, "reward ranked the shorter held-out answer first in only " + agree + "/" + pairs);
        assertTrue(disagreeInverted >= pairs - 1, "inverted labels must learn the opposite: " + disagreeInverted + "/" + pairs);
    }
}
