package dev.tpop.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Issue #5's ratios and targets, computed from the measurements (one place, so table and JSON agree). */
final class Targets {
    static final String OURS_VS_LLAMA = "ours greedy / llama.cpp greedy (tokens/s)";
    static final String PAIR_VS_GREEDY2 = "tpop pair (base) / ours 2-seq greedy (time)";
    static final String MINILM_VS_GREEDY2 = "tpop pair (minilm) / ours 2-seq greedy (time)";
    static final String EXPLOIT_VS_GREEDY1 = "tpop exploit-only / ours 1-seq greedy (time)";

    private Targets() {}

    /**
     * Time-per-token ratios. Each is the median over repetitions of that repetition's ratio: the sides
     * of one repetition ran back to back, so they saw the same load.
     */
    static Map<String, Double> ratios(List<Rate> rates) {
        Map<String, Double> out = new LinkedHashMap<>();
        Rate g1 = find(rates, DecodeBench.GREEDY_1), g2 = find(rates, DecodeBench.GREEDY_2);
        if (rates.stream().anyMatch(r -> r.name().equals(DecodeBench.LLAMA_CPP))) {
            out.put(OURS_VS_LLAMA, paired(g1, find(rates, DecodeBench.LLAMA_CPP)));
        }
        out.put(PAIR_VS_GREEDY2, paired(g2, find(rates, DecodeBench.PAIR_BASE)));
        out.put(MINILM_VS_GREEDY2, paired(g2, find(rates, DecodeBench.PAIR_MINILM)));
        out.put(EXPLOIT_VS_GREEDY1, paired(g1, find(rates, DecodeBench.EXPLOIT)));
        return out;
    }

    /** Median over repetitions of {@code a}'s tokens/s over {@code b}'s (= b's time per token over a's). */
    private static double paired(Rate a, Rate b) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < a.samples().size(); i++) r.add(a.samples().get(i) / b.samples().get(i));
        return Stats.median(r);
    }

    static List<Target> evaluate(Map<String, Double> ratios, List<RefitTime> refits, List<StateSize> states,
                                 FeedbackLatency feedback, Scaling scaling) {
        List<Target> t = new ArrayList<>();
        if (ratios.containsKey(OURS_VS_LLAMA)) {
            double r = ratios.get(OURS_VS_LLAMA);
            t.add(new Target("our greedy vs llama.cpp", ">= 0.5x its tokens/s", r, "x", r >= 0.5));
        }
        double pair = ratios.get(PAIR_VS_GREEDY2);
        t.add(new Target("pair vs our 2-seq greedy", "<= 1.5x its time", pair, "x", pair <= 1.5));
        double exploit = ratios.get(EXPLOIT_VS_GREEDY1);
        t.add(new Target("exploit-only vs our 1-seq greedy", "<= 1.15x its time", exploit, "x", exploit <= 1.15));
        t.add(new Target("feedback acknowledged (p50, refit running)", "<= 20 ms", feedback.p50Ms(), "ms", feedback.p50Ms() <= 20));
        RefitTime refit = nearest(refits, RefitTime::pairs);
        t.add(new Target("refit of a " + refit.pairs() + "-pair history", "<= 2 s", refit.medianMs() / 1000, "s", refit.medianMs() <= 2000));
        StateSize state = nearest(states, StateSize::rounds);
        t.add(new Target("one user's state, " + state.rounds() + " rounds", "<= 256 KiB", state.bytes() / 1024.0, "KiB",
                state.bytes() <= 256 * 1024));
        t.add(new Target("cost linear in M (R^2 of time vs M)", ">= 0.98", scaling.linearityR2(), "", scaling.linearityR2() >= 0.98));
        return t;
    }

    /** The entry whose size is closest to 100 (the reference history). */
    private static <T> T nearest(List<T> items, java.util.function.ToIntFunction<T> size) {
        return items.stream().min(Comparator.comparingInt(x -> Math.abs(size.applyAsInt(x) - 100))).orElseThrow();
    }

    private static Rate find(List<Rate> rates, String name) {
        return rates.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
