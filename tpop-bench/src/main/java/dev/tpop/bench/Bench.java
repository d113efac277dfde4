package dev.tpop.bench;

import dev.tpop.eval.report.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * {@code tpop bench}: runs every measurement of issue #5 in one go on one loaded model and writes
 * bench.json and bench.png to the output folder.
 *
 * <p>Order matters: the decode comparison runs first after its own warm-up, then the breakdown, the
 * sweeps and the session measurements, so the JIT has compiled the hot loops before the numbers
 * that are compared with each other are taken.
 */
public final class Bench {
    private final BenchSettings settings;
    private final boolean withLlamaCpp;

    /** @param withLlamaCpp whether to load llama.cpp as the reference (off only where its native library cannot load) */
    public Bench(BenchSettings settings, boolean withLlamaCpp) {
        this.settings = settings;
        this.withLlamaCpp = withLlamaCpp;
    }

    public BenchReport run(Progress progress) {
        try {
            Files.createDirectories(settings.outputDir());
            Path work = Files.createTempDirectory("tpop-bench");
            try (BenchRig rig = new BenchRig(settings);
                 LlamaCppGreedy llamaCpp = withLlamaCpp ? new LlamaCppGreedy(settings.model(), settings.threads(), rig.contextNeeded()) : null) {
                progress.message("decode comparison");
                List<Rate> rates = new DecodeBench(rig).run(llamaCpp, progress);
                progress.message("per-token breakdown");
                List<Breakdown> breakdown = new BreakdownBench(rig).run(progress);
                progress.message("k and M sweeps");
                Scaling scaling = new ScalingBench(rig).run(progress);
                progress.message("refits, state, feedback");
                SessionBench.Result session = new SessionBench(rig, work).run(progress);
                Map<String, Double> ratios = Targets.ratios(rates);
                List<Target> targets = Targets.evaluate(ratios, session.refits(), session.states(), session.feedback(), scaling);
                BenchReport report = new BenchReport(environment(), rates, ratios, breakdown, session.refits(), session.states(),
                        session.feedback(), scaling, targets);
                report.write(settings.outputDir().resolve("bench.json"));
                BenchPlot.write(report, settings.outputDir().resolve("bench.png"));
                return report;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + settings.outputDir() + ": " + e.getMessage(), e);
        }
    }

    /** Steps {@link #run} reports to its progress bar. */
    public long steps() {
        return DecodeBench.steps(settings, withLlamaCpp) + settings.prompts().size() + ScalingBench.steps(settings)
                + SessionBench.steps(settings);
    }

    private BenchReport.Environment environment() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        String machine = System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs (" + host + ")";
        return new BenchReport.Environment(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), machine,
                Runtime.getRuntime().availableProcessors(), settings.threads(), Runtime.version().toString(),
                settings.model().getFileName().toString(), settings.topK(), settings.maxNewTokens(), settings.minilmTokens(),
                settings.prompts().size(), settings.warmup(), settings.repetitions(), settings.quick());
    }
}
