package dev.tpop.bench;

import dev.tpop.core.duel.DuelingDecoder;
import dev.tpop.core.reward.RewardNetwork;
import dev.tpop.core.reward.UncertaintyModel;
import dev.tpop.eval.report.Progress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cost of a pair over k (at M) and over M (at k), on the first prompt (eight settings on every
 * prompt would double the bench's time and say little more). Settings are interleaved within each
 * repetition, like the sides of {@link DecodeBench}, and the median repetition is kept.
 */
final class ScalingBench {
    private final BenchRig rig;

    ScalingBench(BenchRig rig) {
        this.rig = rig;
    }

    Scaling run(Progress progress) {
        BenchSettings s = rig.settings;
        List<int[]> settings = new ArrayList<>();
        for (int k : s.ks()) settings.add(new int[] {k, s.maxNewTokens()});
        for (int m : s.ms()) settings.add(new int[] {s.topK(), m});
        RewardNetwork theta = rig.personalizedTheta("base");
        UncertaintyModel v = UncertaintyModel.initial(theta.lastLayerDimension(), 1.0, 32);
        Map<Integer, List<Sample>> samples = new LinkedHashMap<>();
        for (int r = 0; r < repetitions(s); r++) {
            for (int i = 0; i < settings.size(); i++) {
                DuelingDecoder d = rig.decoder("base", settings.get(i)[0], settings.get(i)[1]);
                rig.backend.takePrefillNanos();
                long t0 = System.nanoTime();
                d.duel(rig.prompt(0), theta, v);
                long elapsed = System.nanoTime() - t0 - rig.backend.takePrefillNanos();
                samples.computeIfAbsent(i, x -> new ArrayList<>()).add(new Sample(elapsed, 2 * settings.get(i)[1]));
                progress.step();
            }
        }
        List<ScalingPoint> overK = new ArrayList<>(), overM = new ArrayList<>();
        for (int i = 0; i < settings.size(); i++) {
            List<Double> perToken = samples.get(i).stream().map(x -> x.nanos() / 1e6 / x.tokens()).toList();
            List<Double> perPair = samples.get(i).stream().map(x -> x.nanos() / 1e6).toList();
            ScalingPoint point = new ScalingPoint(settings.get(i)[0], settings.get(i)[1], Stats.median(perToken), Stats.median(perPair));
            (i < s.ks().size() ? overK : overM).add(point);
        }
        return Scaling.of(overK, overM);
    }

    /** The sweep's repetitions: two fewer than the main comparison's (it has 8 settings), at least one. */
    static int repetitions(BenchSettings s) {
        return Math.max(1, s.repetitions() - 2);
    }

    static long steps(BenchSettings s) {
        return (long) repetitions(s) * (s.ks().size() + s.ms().size());
    }
}
