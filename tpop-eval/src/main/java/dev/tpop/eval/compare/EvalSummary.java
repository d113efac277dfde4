package dev.tpop.eval.compare;

import java.util.List;

/**
 * Everything an evaluation produced, for the report.
 *
 * @param computed cells computed by this run
 * @param reused   finished cells loaded from an earlier run and not recomputed
 */
public record EvalSummary(EvalPreset preset, String model, Object tpopConfig, EvalPrompts prompts,
                          List<MethodResult> methods, List<JudgeResult> judgements, int computed, int reused,
                          String finishedAt, double seconds) {

    public static final String TPOP = "T-POP";
    public static final String TPOP_EXPLOIT_ONLY = "T-POP (no explore)";

    /** The cells of one attribute and method (one per seed for T-POP). */
    public List<MethodResult> cells(String attribute, String method) {
        return methods.stream().filter(m -> m.attribute().equals(attribute) && m.method().equals(method)).toList();
    }

    /** Mean over the cells' mean scores (T-POP: over seeds). */
    public double meanScore(String attribute, String method) {
        return cells(attribute, method).stream().mapToDouble(MethodResult::meanScore).average().orElse(Double.NaN);
    }

    public double meanRepetition(String attribute, String method) {
        return cells(attribute, method).stream().mapToDouble(MethodResult::repetition).average().orElse(Double.NaN);
    }
}
