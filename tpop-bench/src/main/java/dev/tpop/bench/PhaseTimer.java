package dev.tpop.bench;

import dev.tpop.core.duel.DecodeProbe;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link DecodeProbe} that adds up the time of each phase over many decodes. */
final class PhaseTimer implements DecodeProbe {
    private final long[] nanos = new long[Phase.values().length];
    private long totalNanos;
    private long tokens;

    @Override
    public void add(Phase phase, long n) {
        nanos[phase.ordinal()] += n;
    }

    @Override
    public void decoded(int t, long n) {
        tokens += t;
        totalNanos += n;
    }

    long tokens() { return tokens; }

    /**
     * Milliseconds per generated token of each phase, prefill left out; "other" is what no phase
     * accounts for (the decode loop itself, allocation, bookkeeping, the timers).
     */
    Map<String, Double> msPerToken() {
        Map<Phase, Long> by = new EnumMap<>(Phase.class);
        long accounted = 0;
        for (Phase p : Phase.values()) {
            by.put(p, nanos[p.ordinal()]);
            accounted += nanos[p.ordinal()];
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (Phase p : Phase.values()) {
            if (p != Phase.PREFILL) out.put(p.name().toLowerCase(java.util.Locale.ROOT), by.get(p) / 1e6 / tokens);
        }
        out.put("other", Math.max(0, totalNanos - accounted) / 1e6 / tokens);
        out.put("total", (totalNanos - by.get(Phase.PREFILL)) / 1e6 / tokens);
        return out;
    }
}
