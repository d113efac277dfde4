package dev.tpop.core.duel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpop.core.Personalizer;
import dev.tpop.core.RealModel;
import dev.tpop.core.TpopConfig;
import dev.tpop.core.reward.Aggregation;
import dev.tpop.core.session.PendingPair;
import dev.tpop.core.session.UserSession;
import org.junit.jupiter.api.Test;

/** The paper's kind of reward (a text encoder over the whole answer so far) drives real duels end to end. */
class TextEncoderDuelTest {
    @Test
    void minilmFeaturizerDuelsLearnsAndStaysGreedyAtOmegaZero() {
        TpopConfig config = RealModel.config(6).with("featurizer", "minilm").with("topK", 5);
        Personalizer p = Personalizer.withBackend(RealModel.backend(), config);
        assertEquals(Aggregation.LAST_PREFIX, p.featurizer().aggregation());
        try (UserSession s = UserSession.create("mini", p.decoder())) {
            PendingPair pair = s.duel("Name a planet.");
            ArmResponse y1 = pair.duel().exploit();
            assertEquals(384, y1.features().length);
            assertEquals(config.hiddenUnits() + 1, y1.gradient().length);
            s.feedback(pair.id(), Preference.SECOND);
            s.awaitRefits();
            assertEquals(1, s.thetaVersion());
            assertTrue(s.lastRefitError() == null);
        }
        DuelingDecoder greedy = p.decoder(config.with("omega", 0.0));
        DuelingDecoder base = Personalizer.withBackend(RealModel.backend(), RealModel.config(6).with("omega", 0.0)).decoder();
        var theta = dev.tpop.core.reward.RewardNetwork.initialize(384, config.hiddenUnits(), 0);
        var thetaBase = dev.tpop.core.reward.RewardNetwork.initialize(65, config.hiddenUnits(), 0);
        assertArrayEquals(base.generate("Name a planet.", thetaBase).tokens(), greedy.generate("Name a planet.", theta).tokens());
    }
}
