package dev.tpop.bench;

import java.util.Locale;
import java.util.Map;

/** The report as the plain-text tables {@code tpop bench} prints. */
public final class BenchTable {
    private BenchTable() {}

    public static String render(BenchReport r) {
        StringBuilder out = new StringBuilder();
        BenchReport.Environment e = r.environment();
        out.append(f("tpop bench %s — %s, %s, %d threads, Java %s%n", e.quick() ? "(quick: proves it runs, numbers mean little)" : "",
                e.date(), e.machine(), e.threads(), e.java()));
        out.append(f("model %s, k = %d, M = %d (minilm pair M = %d), %d prompt%s, %d warm-up + %d timed repetition%s, medians%n%n",
                e.model(), e.topK(), e.maxNewTokens(), e.minilmTokens(), e.prompts(), e.prompts() == 1 ? "" : "s", e.warmup(),
                e.repetitions(), e.repetitions() == 1 ? "" : "s"));
        out.append(f("%-28s %12s %12s%n", "decode (prefill excluded)", "tokens/s", "ms/token"));
        for (Rate rate : r.rates()) out.append(f("%-28s %12.1f %12.2f%n", rate.name(), rate.tokensPerSecond(), rate.msPerToken()));
        out.append('\n');
        for (Map.Entry<String, Double> ratio : r.ratios().entrySet()) out.append(f("%-48s %8.2fx%n", ratio.getKey(), ratio.getValue()));
        out.append(f("%nper-token breakdown, ms per generated token%n%-26s", ""));
        Map<String, Double> first = r.breakdown().getFirst().msPerToken();
        for (String phase : first.keySet()) out.append(f(" %10s", phase));
        out.append('\n');
        for (Breakdown b : r.breakdown()) {
            out.append(f("%-26s", b.run()));
            for (double ms : b.msPerToken().values()) out.append(f(" %10.3f", ms));
            out.append('\n');
        }
        out.append(f("%n%-10s %12s %14s%n", "history", "refit (ms)", "state (KiB)"));
        for (int i = 0; i < r.refits().size(); i++) {
            out.append(f("%-10d %12.1f %14.1f%n", r.refits().get(i).pairs(), r.refits().get(i).medianMs(), r.states().get(i).bytes() / 1024.0));
        }
        FeedbackLatency fb = r.feedback();
        out.append(f("%nfeedback acknowledged during refits of a %d-pair history: p50 %.3f ms, p90 %.3f ms, max %.3f ms (%d of %d calls overlapped a refit)%n",
                fb.historyPairs(), fb.p50Ms(), fb.p90Ms(), fb.maxMs(), fb.duringRefit(), fb.calls()));
        out.append(f("%npair (base) scaling      %6s %6s %12s %12s%n", "k", "M", "ms/token", "ms/pair"));
        for (ScalingPoint p : r.scaling().overK()) out.append(f("  over k                 %6d %6d %12.2f %12.1f%n", p.k(), p.m(), p.msPerToken(), p.msPerPair()));
        for (ScalingPoint p : r.scaling().overM()) out.append(f("  over M                 %6d %6d %12.2f %12.1f%n", p.k(), p.m(), p.msPerToken(), p.msPerPair()));
        out.append(f("  time vs M: %.2f ms per extra token of M, R^2 %.4f%n", r.scaling().msPerExtraToken(), r.scaling().linearityR2()));
        out.append(f("%n%-46s %-22s %12s  %s%n", "target", "goal", "measured", ""));
        for (Target t : r.targets()) {
            out.append(f("%-46s %-22s %9.3f %-3s %s%n", t.name(), t.goal(), t.value(), t.unit(), t.met() ? "met" : "MISSED"));
        }
        return out.toString();
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
