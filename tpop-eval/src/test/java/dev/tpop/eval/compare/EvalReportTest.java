package dev.tpop.eval.compare;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpop.eval.judge.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's tables from synthetic results: rows per model x attribute, the gain, ablations, win rates. */
class EvalReportTest {
    @TempDir
    Path dir;

    @Test
    void tablesHaveARowPerModelAndAttributeAndTheGainOverTheStrongestBaseline() throws Exception {
        EvalPreset p = new EvalPreset("t", List.of("x.txt"), 1, 1, 0, 8, List.of(0, 10), List.of(0L, 1L, 2L),
                List.of("concise", "verbose"), List.of("Base", "LA"), 1, true, 0.1, 2, 1);
        EvalPrompts prompts = new EvalPrompts(List.of("train?"), List.of("held?"), List.of("x.txt"));
        Path report = EvalReport.write(List.of(summary("m1", p, prompts, 1.0), summary("m2", p, prompts, 2.0)), dir);
        String md = Files.readString(report);
        // Base = -2 s, LA = -1 s (strongest), T-POP = -0.5 s +/- sd over seeds -> gain +50%
        assertTrue(md.contains("| m1 | concise | -2.000 | -1.000 | -0.500 +/- 0.100 | +50.0% vs LA |"), md);
        assertTrue(md.contains("| m2 | concise | -4.000 | -2.000 | -1.000 +/- 0.100 | +50.0% vs LA |"), md);
        assertTrue(md.contains("| m1 | concise | -0.500 | -0.600 | -0.800 | -0.500 |"), md); // ablation: T-POP, no explore, T=0, T=10
        assertTrue(md.contains("| m2 | concise | 1 / 0 / 0 (100%) | 0 / 1 / 0 (0%) |"), md);
        assertTrue(md.contains("- T-POP (-0.600): answer"), md); // example answers with their scores
        assertTrue(Files.size(dir.resolve("curve-concise-m1.png")) > 1000);
        assertTrue(Files.isRegularFile(dir.resolve("summary.json")));
    }

    private static EvalSummary summary(String model, EvalPreset p, EvalPrompts prompts, double s) {
        List<MethodResult> cells = new ArrayList<>();
        List<JudgeResult> judged = new ArrayList<>();
        for (String a : p.attributes()) {
            double f = a.equals("concise") ? s : 2 * s;
            cells.add(cell(model, a, "Base", -1, -2 * f, List.of()));
            cells.add(cell(model, a, "LA", -1, -1 * f, List.of()));
            for (int seed = 0; seed < 3; seed++) {
                double t = -0.5 * f + 0.1 * (seed - 1);
                cells.add(cell(model, a, EvalSummary.TPOP, seed, t, List.of(cp(0, -0.8 * f), cp(10, t))));
            }
            cells.add(cell(model, a, EvalSummary.TPOP_EXPLOIT_ONLY, 0, -0.6 * f, List.of(cp(0, -0.8 * f), cp(10, -0.6 * f))));
            judged.add(new JudgeResult("judge", a, "Base", 0, List.of(Verdict.FIRST)));
            judged.add(new JudgeResult("judge", a, "LA", 0, List.of(Verdict.TIE)));
        }
        return new EvalSummary(p, model, Map.of(), prompts, cells, judged, 1, 0, "2026-12-03T00:00:00Z", 1);
    }

    private static MethodResult cell(String model, String a, String method, long seed, double score, List<MethodResult.Checkpoint> cps) {
        return new MethodResult(model, a, method, seed, List.of("held?"), List.of("answer"), List.of(score), score, 0, cps, Map.of(), 0);
    }

    private static MethodResult.Checkpoint cp(int round, double score) {
        return new MethodResult.Checkpoint(round, List.of("answer"), List.of(score), score, 0);
    }
}
