package dev.tpop.bench;

import dev.tpop.core.duel.DuelingDecoder;
import dev.tpop.core.reward.RewardNetwork;
import dev.tpop.core.reward.UncertaintyModel;
import dev.tpop.eval.report.Progress;
import java.util.List;

/**
 * The per-token breakdown: the same decodes as {@link DecodeBench}, with a {@link PhaseTimer}
 * attached. Measured separately from the throughput runs, so the timers' own cost (two clock reads
 * per phase) never shows in the rates.
 */
final class BreakdownBench {
    private final BenchRig rig;

    BreakdownBench(BenchRig rig) {
        this.rig = rig;
    }

    List<Breakdown> run(Progress progress) {
        BenchSettings s = rig.settings;
        RewardNetwork thetaBase = rig.personalizedTheta("base"), thetaMinilm = rig.personalizedTheta("minilm");
        UncertaintyModel v = UncertaintyModel.initial(thetaBase.lastLayerDimension(), 1.0, 32);
        PhaseTimer pair = new PhaseTimer(), exploit = new PhaseTimer(), minilm = new PhaseTimer();
        DuelingDecoder pairBase = rig.decoder("base", s.topK(), s.maxNewTokens());
        DuelingDecoder pairMinilm = rig.decoder("minilm", s.topK(), s.minilmTokens()).withProbe(minilm);
        for (int p = 0; p < rig.promptCount(); p++) {
            pairBase.withProbe(pair).duel(rig.prompt(p), thetaBase, v);
            pairBase.withProbe(exploit).generate(rig.prompt(p), thetaBase);
            pairMinilm.duel(rig.prompt(p), thetaMinilm, v);
            progress.step();
        }
        return List.of(new Breakdown(DecodeBench.PAIR_BASE, pair.tokens(), pair.msPerToken()),
                new Breakdown(DecodeBench.EXPLOIT, exploit.tokens(), exploit.msPerToken()),
                new Breakdown(DecodeBench.PAIR_MINILM, minilm.tokens(), minilm.msPerToken()));
    }
}
