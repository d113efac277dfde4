package dev.tpop.eval.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tpop.eval.report.Curve;
import dev.tpop.eval.report.LearningCurvePlot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report of an evaluation as {@code report.md}, shaped like the papers' tables (rows model x
 * attribute, columns methods, plus T-POP's relative gain over the strongest baseline), with
 * repetition, ablation and win-rate tables, one learning-curve PNG per model and attribute (mean and
 * one standard deviation over seeds), and the configuration, seeds and date it ran with.
 */
public final class EvalReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvalReport() {}

    public static Path write(EvalSummary s, Path dir) throws IOException {
        return write(List.of(s), dir);
    }

    /**
     * Writes report.md, summary.json and curve-ATTRIBUTE[-MODEL].png files into {@code dir}; one run per
     * model, all with the same preset. Returns the report's path.
     */
    /**
     * A line naming the attributes and baselines whose cells the folder holds but this report leaves
     * out (a run with a narrower scope), so a partial report is never mistaken for the whole folder.
     */
    private static String alsoInFolder(EvalSummary s, Path dir) throws IOException {
        Path f = dir.resolve("eval-config-" + CellStore.key(s.model()) + ".json");
        if (!Files.isRegularFile(f)) return "";
        com.fasterxml.jackson.databind.JsonNode preset = JSON.readTree(f.toFile()).path("preset");
        List<String> left = new ArrayList<>();
        preset.path("attributes").forEach(a -> { if (!s.preset().attributes().contains(a.asText())) left.add("attribute " + a.asText()); });
        preset.path("baselines").forEach(b -> { if (!s.preset().baselines().contains(b.asText())) left.add("baseline " + b.asText()); });
        if (left.isEmpty()) return "";
        return "- " + s.model() + ": this report leaves out cells the folder also holds (" + String.join(", ", left)
                + "); rerun with them to report them\n";
    }

    public static Path write(List<EvalSummary> runs, Path dir) throws IOException {
        if (runs.isEmpty()) throw new IllegalArgumentException("nothing to report");
        Files.createDirectories(dir);
        EvalPreset p = runs.get(0).preset();
        EvalSummary first = runs.get(0);
        StringBuilder md = new StringBuilder();
        md.append("# tpop eval: ").append(p.name()).append(" preset\n\n");
        md.append("- date: ").append(runs.get(runs.size() - 1).finishedAt()).append('\n');
        md.append("- models: ").append(String.join(", ", runs.stream().map(EvalSummary::model).toList())).append('\n');
        md.append("- prompts: ").append(first.prompts().train().size()).append(" train, ").append(first.prompts().heldOut().size())
                .append(" held-out (disjoint) from ").append(String.join(", ", first.prompts().sources().stream()
                        .map(x -> Path.of(x).getFileName().toString()).toList())).append('\n');
        for (EvalSummary s : runs) md.append(alsoInFolder(s, dir));
        md.append("- T-POP: T = ").append(p.finalRounds()).append(" rounds, seeds ").append(p.seeds())
                .append(", simulated-user noise (BTL temperature) ").append(p.userNoise()).append('\n');
        md.append("- answers: at most ").append(p.maxNewTokens()).append(" tokens; LA ratio ").append(p.laRatio())
                .append(", LA top-p ").append(p.laTopP()).append("; Amulet T=60, alpha=2, lambda=2, eta=10; BS16 length-normalized\n");
        for (EvalSummary s : runs) {
            md.append(String.format(Locale.ROOT, "- %s: %d cells computed, %d reused from an earlier run; %.0f s%n",
                    s.model(), s.computed(), s.reused(), s.seconds()));
            md.append("- compute time per method when its cells were computed (all attributes and seeds):");
            for (String m : s.methods().stream().map(MethodResult::method).distinct().toList()) {
                double sec = s.methods().stream().filter(r -> r.method().equals(m)).mapToDouble(MethodResult::seconds).sum();
                md.append(String.format(Locale.ROOT, " %s %.0f s;", m, sec));
            }
            md.append('\n');
        }

        md.append("\n## Held-out attribute score (higher is better)\n\n");
        md.append("Noise-free score of each attribute's simulated user, mean over held-out prompts; T-POP: mean +/- sd over seeds.")
                .append(" Gain: (T-POP - strongest baseline) / |strongest baseline|.\n\n");
        header(md, p, true);
        for (EvalSummary s : runs) {
            for (String a : p.attributes()) {
                md.append("| ").append(s.model()).append(" | ").append(a).append(" |");
                String best = null;
                for (String b : p.baselines()) {
                    double v = s.meanScore(a, b);
                    md.append(fmt(v)).append(" |");
                    if (best == null || v > s.meanScore(a, best)) best = b;
                }
                double t = s.meanScore(a, EvalSummary.TPOP);
                md.append(fmt(t)).append(String.format(Locale.ROOT, " +/- %.3f |", sd(s.cells(a, EvalSummary.TPOP))));
                if (best == null) {
                    md.append(" - |\n");
                } else {
                    double bv = s.meanScore(a, best);
                    md.append(String.format(Locale.ROOT, " %+.1f%% vs %s |%n", 100 * (t - bv) / Math.abs(bv), best));
                }
            }
        }

        md.append("\n## Repetition (share of repeated word 3-grams per answer; lower is better)\n\n");
        header(md, p, false);
        for (EvalSummary s : runs) {
            for (String a : p.attributes()) {
                md.append("| ").append(s.model()).append(" | ").append(a).append(" |");
                for (String b : p.baselines()) md.append(fmt(s.meanRepetition(a, b))).append(" |");
                md.append(fmt(s.meanRepetition(a, EvalSummary.TPOP))).append(" |\n");
            }
        }

        ablations(md, runs, p);
        winRates(md, runs, p);

        examples(md, runs, p);

        md.append("\n## Learning curves\n\n");
        for (EvalSummary s : runs) {
            for (String a : p.attributes()) {
                Path png = dir.resolve(runs.size() == 1 ? "curve-" + a + ".png" : "curve-" + a + "-" + CellStore.key(s.model()) + ".png");
                plot(s, a, png);
                md.append("![").append(s.model()).append(", ").append(a).append("](").append(png.getFileName()).append(")\n\n");
            }
        }
        md.append("## Configuration\n\n```json\n").append(JSON.writeValueAsString(p)).append("\n```\n\nT-POP config (seed varies):\n\n```json\n")
                .append(JSON.writeValueAsString(first.tpopConfig())).append("\n```\n");
        JSON.writeValue(dir.resolve("summary.json").toFile(), runs);
        Path report = dir.resolve("report.md");
        Files.writeString(report, md.toString());
        return report;
    }

    private static void ablations(StringBuilder md, List<EvalSummary> runs, EvalPreset p) {
        md.append("\n## Ablations (held-out score, mean over seeds)\n\n");
        md.append("T = 0 is the frozen, untrained reward. No explore: the second answer of each duel is the base model's greedy")
                .append(" answer instead of the UCB explore arm.\n\n| model | attribute | T-POP (T=").append(p.finalRounds()).append(") |");
        boolean ablation = p.ablationSeeds() > 0;
        if (ablation) md.append(" no explore (T=").append(p.finalRounds()).append(", ").append(p.ablationSeeds()).append(" seed(s)) |");
        for (int r : p.rounds()) md.append(" T=").append(r).append(r == 0 ? " (frozen)" : "").append(" |");
        md.append("\n|---|---|---|").append(ablation ? "---|" : "").append("---|".repeat(p.rounds().size())).append('\n');
        for (EvalSummary s : runs) {
            for (String a : p.attributes()) {
                md.append("| ").append(s.model()).append(" | ").append(a).append(" |").append(fmt(s.meanScore(a, EvalSummary.TPOP))).append(" |");
                if (ablation) md.append(fmt(s.meanScore(a, EvalSummary.TPOP_EXPLOIT_ONLY))).append(" |");
                for (int i = 0; i < p.rounds().size(); i++) {
                    md.append(fmt(checkpoint(s.cells(a, EvalSummary.TPOP), i, false))).append(" |");
                }
                md.append('\n');
            }
        }
        md.append("\nRepetition of T-POP's held-out answers by T (share of repeated 3-grams, mean over seeds):\n\n| model | attribute |");
        for (int r : p.rounds()) md.append(" T=").append(r).append(" |");
        md.append("\n|---|---|").append("---|".repeat(p.rounds().size())).append('\n');
        for (EvalSummary s : runs) {
            for (String a : p.attributes()) {
                md.append("| ").append(s.model()).append(" | ").append(a).append(" |");
                for (int i = 0; i < p.rounds().size(); i++) md.append(fmt(checkpoint(s.cells(a, EvalSummary.TPOP), i, true))).append(" |");
                md.append('\n');
            }
        }
    }

    private static void winRates(StringBuilder md, List<EvalSummary> runs, EvalPreset p) {
        md.append("\n## Win rates of T-POP (wins / ties / losses over held-out prompts)\n\n");
        md.append("| judge | model | attribute |");
        for (String b : p.baselines()) md.append(" vs ").append(b).append(" |");
        md.append("\n|---|---|---|").append("---|".repeat(p.baselines().size())).append('\n');
        for (EvalSummary s : runs) {
            for (String judge : s.judgements().stream().map(JudgeResult::judge).distinct().toList()) {
                for (String a : p.attributes()) {
                    md.append("| ").append(judge).append(" | ").append(s.model()).append(" | ").append(a).append(" |");
                    for (String b : p.baselines()) {
                        md.append(' ').append(s.judgements().stream().filter(j -> j.judge().equals(judge) && j.attribute().equals(a)
                                && j.method().equals(b)).findFirst().map(j -> j.winRate().format()).orElse("-")).append(" |");
                    }
                    md.append('\n');
                }
            }
        }
    }

    /** Every method's answer to the first held-out prompt, so degenerate text is visible next to its score. */
    private static void examples(StringBuilder md, List<EvalSummary> runs, EvalPreset p) {
        md.append("\n## Example answers (first held-out prompt; T-POP: first seed, T=").append(p.finalRounds()).append(")\n");
        List<String> methods = new ArrayList<>(p.baselines());
        methods.add(EvalSummary.TPOP);
        for (EvalSummary s : runs) {
            for (String a : p.attributes()) {
                md.append("\n**").append(s.model()).append(", ").append(a).append("**: ")
                        .append(oneLine(s.prompts().heldOut().get(0))).append("\n\n");
                for (String m : methods) {
                    List<MethodResult> cells = s.cells(a, m);
                    if (cells.isEmpty() || cells.get(0).texts().isEmpty()) continue;
                    md.append("- ").append(m).append(String.format(Locale.ROOT, " (%.3f): ", cells.get(0).scores().get(0)))
                            .append(oneLine(cells.get(0).texts().get(0))).append('\n');
                }
            }
        }
    }

    private static String oneLine(String text) {
        String t = text.replaceAll("\\s+", " ").replace("|", "\\|").strip();
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }

    private static void header(StringBuilder md, EvalPreset p, boolean gain) {
        md.append("| model | attribute |");
        for (String b : p.baselines()) md.append(' ').append(b).append(" |");
        md.append(" T-POP |").append(gain ? " gain |" : "").append('\n');
        md.append("|---|---|").append("---|".repeat(p.baselines().size() + 1)).append(gain ? "---|" : "").append('\n');
    }

    /** Held-out score against rounds: T-POP (and the no-explore ablation) over seeds, baselines as lines. */
    static void plot(EvalSummary s, String attribute, Path png) throws IOException {
        EvalPreset p = s.preset();
        double[] rounds = p.rounds().stream().mapToDouble(Integer::doubleValue).toArray();
        LearningCurvePlot plot = LearningCurvePlot.of("held-out " + attribute + " score, " + s.model() + " ("
                + s.prompts().heldOut().size() + " prompts, " + p.seeds().size() + " seeds, mean +/- sd)");
        for (String method : List.of(EvalSummary.TPOP, EvalSummary.TPOP_EXPLOIT_ONLY)) {
            List<MethodResult> cells = s.cells(attribute, method);
            if (cells.isEmpty()) continue;
            double[][] bySeed = new double[cells.size()][];
            for (int i = 0; i < cells.size(); i++) {
                bySeed[i] = cells.get(i).checkpoints().stream().mapToDouble(MethodResult.Checkpoint::meanScore).toArray();
            }
            plot.add(Curve.overSeeds(method + " (" + cells.size() + " seeds)", rounds, bySeed));
        }
        for (String b : p.baselines()) plot.addBaseline(b, s.meanScore(attribute, b));
        plot.writePng(png, 900, 540);
    }

    /** Mean over seeds of checkpoint i's score (or repetition). */
    private static double checkpoint(List<MethodResult> cells, int i, boolean repetition) {
        List<Double> xs = new ArrayList<>();
        for (MethodResult c : cells) {
            if (c.checkpoints().size() > i) xs.add(repetition ? c.checkpoints().get(i).repetition() : c.checkpoints().get(i).meanScore());
        }
        return MethodResult.mean(xs);
    }

    private static double sd(List<MethodResult> cells) {
        if (cells.size() < 2) return 0;
        double m = cells.stream().mapToDouble(MethodResult::meanScore).average().orElse(0);
        double sq = cells.stream().mapToDouble(c -> (c.meanScore() - m) * (c.meanScore() - m)).sum();
        return Math.sqrt(sq / (cells.size() - 1));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, " %.3f", v);
    }
}
