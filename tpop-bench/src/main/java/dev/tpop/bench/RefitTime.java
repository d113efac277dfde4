package dev.tpop.bench;

import java.util.List;

/** One refit (the session's full-batch Adam, its configured epochs) over {@code pairs} answered pairs. */
public record RefitTime(int pairs, double medianMs, List<Double> samplesMs) {}
