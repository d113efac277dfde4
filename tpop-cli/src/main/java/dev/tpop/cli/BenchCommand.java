package dev.tpop.cli;

import dev.tpop.bench.Bench;
import dev.tpop.bench.BenchReport;
import dev.tpop.bench.BenchSettings;
import dev.tpop.bench.BenchTable;
import dev.tpop.eval.prompts.PromptSet;
import dev.tpop.eval.report.Progress;
import dev.tpop.llm.ModelLocator;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tpop bench}: issue #5's measurements, printed as a table and written as JSON and PNG. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measures our engine against llama.cpp (same GGUF, prompts, token counts and threads), what tpop"
                + " adds per token (pair, exploit-only, per-token breakdown), refit time, feedback latency, state size,"
                + " and scaling over k and M. Prints the table; writes bench.json and bench.png.",
                "Takes ~15 minutes on 2 cores; --quick takes well under one (it proves the bench works, nothing more)."})
final class BenchCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", defaultValue = "default",
            description = "GGUF model: 'default' (SmolLM2-135M-Instruct from scripts/setup.sh), 'qwen2.5-coder-0.5b'"
                    + " (from scripts/fetch-second-model.sh) or a path to a .gguf file. Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--quick", description = "Tiny sizes (CI): every section, one prompt, M = 8.")
    boolean quick;

    @Option(names = {"-k", "--top-k"}, paramLabel = "K", description = "k of the pair, exploit-only and breakdown runs. Default 20 (quick: 10).")
    Integer topK;

    @Option(names = {"-M", "--max-new-tokens"}, paramLabel = "M", description = "Tokens every decode produces. Default 128 (quick: 8).")
    Integer maxNewTokens;

    @Option(names = "--prompts", paramLabel = "N", defaultValue = "1",
            description = "Prompts of the shipped set, each decoded by every side in every repetition. Default: ${DEFAULT-VALUE} (quick: 1).")
    int prompts;

    @Option(names = "--repetitions", paramLabel = "R", description = "Timed repetitions (medians are reported). Default 5 (quick: 1).")
    Integer repetitions;

    @Option(names = "--no-llama-cpp", description = "Leave out the llama.cpp reference (where its native library cannot load).")
    boolean noLlamaCpp;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "results/bench",
            description = "Output folder for bench.json and bench.png. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Override
    public Integer call() {
        if (prompts < 1) throw new IllegalArgumentException("--prompts must be >= 1, got " + prompts);
        if (topK != null && topK < 1) throw new IllegalArgumentException("--top-k must be >= 1, got " + topK);
        if (maxNewTokens != null && maxNewTokens < 1) throw new IllegalArgumentException("--max-new-tokens must be >= 1, got " + maxNewTokens);
        if (repetitions != null && repetitions < 1) throw new IllegalArgumentException("--repetitions must be >= 1, got " + repetitions);
        Path gguf = ModelLocator.resolve(model);
        List<String> all = PromptSet.defaultSet().prompts();
        if (prompts > all.size()) throw new IllegalArgumentException("--prompts must be <= " + all.size() + " (the shipped set), got " + prompts);
        List<String> chosen = all.subList(0, prompts);
        BenchSettings s = quick ? BenchSettings.quick(gguf, chosen, out) : BenchSettings.full(gguf, chosen, out);
        if (topK != null) s = s.withTopK(topK);
        if (maxNewTokens != null) s = s.withMaxNewTokens(maxNewTokens);
        if (repetitions != null) s = s.withRepetitions(repetitions);
        Bench bench = new Bench(s, !noLlamaCpp);
        BenchReport report;
        try (Progress progress = Progress.start("bench", bench.steps())) {
            report = bench.run(progress);
        }
        System.out.print(BenchTable.render(report));
        System.out.println("\nwrote " + out.resolve("bench.json") + " and " + out.resolve("bench.png"));
        return 0;
    }
}
