package dev.tpop.bench;

import dev.tpop.core.duel.DuelingDecoder;
import dev.tpop.core.reward.RewardNetwork;
import dev.tpop.core.reward.UncertaintyModel;
import dev.tpop.eval.report.Progress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The side-by-side decode speeds: llama.cpp greedy, our greedy of one and of two sequences, a tpop
 * pair with each featurizer, and tpop's exploit-only answer, all on the same prompts and token counts.
 *
 * <p>Why interleaved: the machine is shared, and load that comes and goes would favour whichever side
 * ran while it was quiet. For every prompt of every repetition each side runs once, one right after
 * another (ABAB), in an order reversed from one prompt to the next; a slow spell then hits all sides.
 * Each side's rate is its median over repetitions, and ratios are medians of per-repetition ratios
 * ({@link Targets}), so a slow repetition cancels out of a ratio instead of landing on one side.
 */
final class DecodeBench {
    static final String LLAMA_CPP = "llama.cpp greedy";
    static final String GREEDY_1 = "ours greedy, 1 seq";
    static final String GREEDY_2 = "ours greedy, 2 seq";
    static final String PAIR_BASE = "tpop pair (base)";
    static final String PAIR_MINILM = "tpop pair (minilm)";
    static final String EXPLOIT = "tpop exploit-only (base)";

    private final BenchRig rig;

    DecodeBench(BenchRig rig) {
        this.rig = rig;
    }

    /** Every side's rate; {@code llamaCpp} may be null when the reference is not wanted. */
    List<Rate> run(LlamaCppGreedy llamaCpp, Progress progress) {
        BenchSettings s = rig.settings;
        int m = s.maxNewTokens(), k = s.topK();
        EngineGreedy greedy = new EngineGreedy(rig.local.model());
        DuelingDecoder pairBase = rig.decoder("base", k, m);
        DuelingDecoder pairMinilm = rig.decoder("minilm", k, s.minilmTokens());
        RewardNetwork thetaBase = rig.personalizedTheta("base"), thetaMinilm = rig.personalizedTheta("minilm");
        UncertaintyModel v = UncertaintyModel.initial(thetaBase.lastLayerDimension(), 1.0, 32);
        Map<String, IntFunction<Sample>> sides = new LinkedHashMap<>();
        if (llamaCpp != null) sides.put(LLAMA_CPP, p -> llamaCpp.decode(rig.promptTokens(p), m));
        sides.put(GREEDY_1, p -> greedy.decode(rig.promptTokens(p), m, 1));
        sides.put(GREEDY_2, p -> greedy.decode(rig.promptTokens(p), m, 2));
        sides.put(PAIR_BASE, p -> timed(() -> pairBase.duel(rig.prompt(p), thetaBase, v), 2 * m));
        sides.put(EXPLOIT, p -> timed(() -> pairBase.generate(rig.prompt(p), thetaBase), m));
        sides.put(PAIR_MINILM, p -> timed(() -> pairMinilm.duel(rig.prompt(p), thetaMinilm, v), 2 * s.minilmTokens()));
        Map<String, List<Sample>> rounds = new LinkedHashMap<>();
        for (String name : sides.keySet()) rounds.put(name, new ArrayList<>());
        List<String> order = new ArrayList<>(sides.keySet());
        for (int r = 0; r < s.warmup() + s.repetitions(); r++) {
            Map<String, Sample> round = new LinkedHashMap<>();
            for (int p = 0; p < rig.promptCount(); p++) {
                for (String name : order) {
                    round.merge(name, sides.get(name).apply(p), Sample::plus);
                    progress.step();
                }
                // ABC CBA: a side's place in the order (right after llama.cpp's threads, or the
                // encoder's) must not favour it
                java.util.Collections.reverse(order);
            }
            if (r >= s.warmup()) round.forEach((name, total) -> rounds.get(name).add(total));
        }
        List<Rate> rates = new ArrayList<>();
        rounds.forEach((name, samples) -> rates.add(Rate.of(name, samples)));
        return rates;
    }

    /** Steps {@link #run} takes, for the progress bar. */
    static long steps(BenchSettings s, boolean withLlamaCpp) {
        return (long) (s.warmup() + s.repetitions()) * s.prompts().size() * (withLlamaCpp ? 6 : 5);
    }

    /** A tpop decode of {@code tokens} tokens, its prompt prefill left out like everywhere else. */
    private Sample timed(Runnable decode, int tokens) {
        rig.backend.takePrefillNanos();
        long t0 = System.nanoTime();
        decode.run();
        long elapsed = System.nanoTime() - t0;
        return new Sample(elapsed - rig.backend.takePrefillNanos(), tokens);
    }
}
