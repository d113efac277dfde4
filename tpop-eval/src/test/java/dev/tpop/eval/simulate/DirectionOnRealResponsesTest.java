package dev.tpop.eval.simulate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpop.core.Personalizer;
import dev.tpop.core.TpopConfig;
import dev.tpop.core.duel.Duel;
import dev.tpop.core.duel.DuelingDecoder;
import dev.tpop.core.reward.BtlLearner;
import dev.tpop.core.reward.Comparison;
import dev.tpop.core.reward.RewardNetwork;
import dev.tpop.core.reward.UncertaintyModel;
import dev.tpop.eval.user.SimulatedUser;
import dev.tpop.eval.user.SimulatedUsers;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The direction invariant on real SmolLM2 answers: a user who always prefers the more concise
 * answer (property P) trains a reward that ranks the more concise of two held-out answers first;
 * the same pairs with the label inverted must teach the opposite. (The public T-POP code trains with
 * the label inverted; this test catches that.)
 */
class DirectionOnRealResponsesTest {
    static final String[] TRAIN = {
            "What is photosynthesis?", "How do I boil an egg?", "Why is the sky blue?", "What is a noun?",
            "How do vaccines work?", "What is inflation?", "Tell me about the moon.", "How do I learn to swim?",
            "What is machine learning?", "Why do cats purr?", "What is the water cycle?", "How do plants grow?",
            "What causes rain?", "How do airplanes fly?", "What is democracy?", "How do I make tea?",
            "Name a famous painter.", "What is a prime number?", "Who wrote Hamlet?", "What is DNA?"};
    static final String[] HELD_OUT = {
            "What is gravity?", "How do bees make honey?", "What is a volcano?", "Why do leaves change color?",
            "How does a computer work?", "What is a rainbow?", "What is an atom?", "Who was Albert Einstein?"};

    @Test
    void rewardLearnsTheUsersDirection() {
        TpopConfig config = TpopConfig.defaults().with("maxNewTokens", 96).with("nu", 3.0);
        DuelingDecoder d = Personalizer.withBackend(TestModel.backend(), config).decoder();
        SimulatedUser concise = SimulatedUsers.create("concise", 0.0, 1);
        RewardNetwork start = RewardNetwork.initialize(d.featurizer(), config.hiddenUnits(), 0);
        UncertaintyModel v = UncertaintyModel.initial(start.lastLayerDimension(), 1.0, 32);
        List<Comparison> user = new ArrayList<>(), inverted = new ArrayList<>();
        for (String q : TRAIN) {
            Duel duel = d.duel(q, start, v); // exploration (nu = 3) makes the two answers differ
            double label = concise.prefer(q, duel.exploit().text(), duel.explore().text()).label();
            if (label == 0.5) continue;
            user.add(new Comparison(duel.exploit().features(), duel.explore().features(), label));
            inverted.add(new Comparison(duel.exploit().features(), duel.explore().features(), 1 - label));
        }
        assertTrue(user.size() >= 10, "too few answer pairs that the user could tell apart: " + user.size());
        BtlLearner learner = new BtlLearner(config.lambda(), 300, 0.02, start.theta());
        RewardNetwork learned = learner.refit(start, user);
        RewardNetwork opposite = learner.refit(start, inverted);
        int agree = 0, oppositeAgrees = 0, pairs = 0;
        for (String q : HELD_OUT) {
            Duel duel = d.duel(q, start, v);
            double truth = concise.prefer(q, duel.exploit().text(), duel.explore().text()).label();
            if (truth == 0.5) continue;
            pairs++;
            boolean firstPreferred = truth == 1.0;
            double gap = learner.responseReward(learned, duel.exploit().features())
                    - learner.responseReward(learned, duel.explore().features());
            double gapOpposite = learner.responseReward(opposite, duel.exploit().features())
                    - learner.responseReward(opposite, duel.explore().features());
            if ((gap > 0) == firstPreferred) agree++;
            if ((gapOpposite > 0) == firstPreferred) oppositeAgrees++;
        }
        assertTrue(pairs >= 5, "too few held-out pairs the user can tell apart: " + pairs);
        assertTrue(agree >= 0.75 * pairs, "the reward ranked the user's held-out choice first in only " + agree + "/" + pairs);
        assertTrue(oppositeAgrees <= 0.25 * pairs, "inverted labels must learn the opposite, yet agreed " + oppositeAgrees + "/" + pairs);
    }
}
