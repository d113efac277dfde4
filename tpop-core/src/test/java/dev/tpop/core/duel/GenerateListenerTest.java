package dev.tpop.core.duel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tpop.core.Personalizer;
import dev.tpop.core.RealModel;
import dev.tpop.core.TpopConfig;
import dev.tpop.core.reward.RewardNetwork;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The token listener of generate sees exactly the answer's tokens, in order (what streaming relies on). */
class GenerateListenerTest {
    @Test
    void listenerSeesEveryTokenOfTheAnswer() {
        TpopConfig config = RealModel.config(10);
        DuelingDecoder decoder = Personalizer.withBackend(RealModel.backend(), config).decoder();
        RewardNetwork theta = RewardNetwork.initialize(decoder.featurizer(), config.hiddenUnits(), config.seed());
        List<Integer> seen = new ArrayList<>();
        ArmResponse streamed = decoder.generate("Name a season.", theta, seen::add);
        assertArrayEquals(streamed.tokens(), seen.stream().mapToInt(Integer::intValue).toArray());
        assertArrayEquals(decoder.generate("Name a season.", theta).tokens(), streamed.tokens(), "listening changes nothing");
    }
}
