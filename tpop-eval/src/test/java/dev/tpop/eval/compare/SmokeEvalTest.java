package dev.tpop.eval.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpop.core.TpopConfig;
import dev.tpop.core.backend.LocalBackend;
import dev.tpop.eval.judge.LocalLlmJudge;
import dev.tpop.eval.judge.PairwiseJudge;
import dev.tpop.eval.judge.ScoreJudge;
import dev.tpop.eval.simulate.TestModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smoke preset end to end on the real model and shared prompts, then resumed without recomputing. */
class SmokeEvalTest {
    @TempDir
    Path out;

    @Test
    void smokePresetWritesTheReportAndResumesWithoutRecomputing() throws Exception {
        EvalPreset preset = EvalPreset.smoke();
        Path shared = Path.of(System.getProperty("tpop.shared.dir"), "data", "prompts");
        EvalPrompts prompts = EvalPrompts.load(preset, shared);
        assertEquals(2, prompts.heldOut().size());
        assertEquals(4, prompts.train().size());
        LocalBackend backend = TestModel.backend();
        Map<String, PairwiseJudge> judges = new LinkedHashMap<>();
        judges.put("score", new ScoreJudge());
        judges.put("local", new LocalLlmJudge(backend));

        long t0 = System.nanoTime();
        EvalSummary first = new Evaluation(preset, prompts, backend, TpopConfig.defaults(), judges, out).run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("smoke preset: %.1f s, %d cells%n", seconds, first.computed());
        int cells = 5 + 3 * 2 + 2 * 5; // baselines, T-POP and no-explore per seed, 2 judges x 5 baselines
        assertEquals(cells, first.computed());
        assertEquals(0, first.reused());
        for (MethodResult r : first.methods()) {
            assertEquals(2, r.texts().size(), r.method());
            assertTrue(r.repetition() >= 0 && r.repetition() <= 1);
            if (r.method().startsWith("T-POP")) assertEquals(List.of(0, 2, 4), r.checkpoints().stream().map(MethodResult.Checkpoint::round).toList());
        }
        Path report = EvalReport.write(first, out);
        String md = Files.readString(report);
        assertTrue(md.contains("| concise |"), md);
        assertTrue(md.contains("vs BS16"), md);
        assertTrue(md.contains("% vs "), md);
        assertTrue(Files.size(out.resolve("curve-concise.png")) > 1000);

        EvalSummary again = new Evaluation(preset, prompts, backend, TpopConfig.defaults(), judges, out).run();
        assertEquals(0, again.computed());
        assertEquals(cells, again.reused());
        assertEquals(first.methods(), again.methods());

        Path oneCell;
        try (Stream<Path> files = Files.list(out.resolve("cells"))) {
            oneCell = files.filter(f -> f.getFileName().toString().contains("LA")).findFirst().orElseThrow();
        }
        Files.delete(oneCell); // as if interrupted before this cell finished
        EvalSummary resumed = new Evaluation(preset, prompts, backend, TpopConfig.defaults(), judges, out).run();
        assertEquals(1, resumed.computed());
        assertEquals(cells - 1, resumed.reused());
        assertEquals(first.meanScore("concise", "LA"), resumed.meanScore("concise", "LA"), 0.0);

        EvalPreset p = preset;
        EvalPreset fewerBaselines = new EvalPreset(p.name(), p.promptSets(), p.trainPerSet(), p.heldOutPerSet(), p.splitSeed(),
                p.maxNewTokens(), p.rounds(), p.seeds(), p.attributes(), List.of("Base", "LA"), p.ablationSeeds(), p.localJudge(),
                p.userNoise(), p.laRatio(), p.laTopP());
        EvalSummary subset = new Evaluation(fewerBaselines, prompts, backend, TpopConfig.defaults(), judges, out).run();
        assertEquals(0, subset.computed(), "another scope of the same configuration reuses the folder's cells");
        assertTrue(Files.readString(EvalReport.write(subset, out)).contains("leaves out cells the folder also holds (baseline Pref, baseline BS16,"
                + " baseline Amulet)"), "a narrower report says what it leaves out");
        assertTrue(Files.readString(out.resolve("eval-config-SmolLM2-135M-Instruct.Q4_1.json")).contains("Amulet"),
                "the folder still records every baseline it holds");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new Evaluation(preset, prompts, backend, TpopConfig.defaults().with("omega", 2.0), judges, out).run(),
                "cells of another configuration are never mixed");
        assertTrue(refused.getMessage().contains("tpopConfig.omega differ"), refused.getMessage());
    }
}
