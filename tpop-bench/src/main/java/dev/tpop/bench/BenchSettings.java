package dev.tpop.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What one {@code tpop bench} run measures.
 *
 * @param model          the GGUF file both engines load
 * @param topK           k of the pair, exploit-only and breakdown runs (the paper's 20)
 * @param maxNewTokens   M: every decode produces exactly this many tokens (end-of-sequence ignored)
 *                       so all sides compare the same token counts
 * @param minilmTokens   M of the minilm pair: its encoder makes every token ~100x dearer, so it is
 *                       measured on fewer tokens (a per-token rate, compared as such)
 * @param prompts        chat prompts, each decoded by every side in every repetition
 * @param warmup         untimed rounds first (JIT, caches)
 * @param repetitions    timed rounds; sides are interleaved within each round (ABAB), medians reported
 * @param ks             k of the scaling sweep (at M)
 * @param ms             M of the scaling sweep (at k)
 * @param historySizes   history sizes (pairs) of the refit timing and the persisted-state size
 * @param acknowledgements feedback calls timed while a refit runs
 * @param threads        threads of both engines (ours uses every core; llama.cpp is given the same)
 * @param outputDir      where bench.json and bench.png go
 * @param quick          the CI mode: tiny sizes, proves the bench works, its numbers mean little
 */
public record BenchSettings(Path model, int topK, int maxNewTokens, int minilmTokens, List<String> prompts,
                            int warmup, int repetitions, List<Integer> ks, List<Integer> ms, List<Integer> historySizes,
                            int acknowledgements, int threads, Path outputDir, boolean quick) {
    public BenchSettings {
        require(topK >= 1, "k must be >= 1, got " + topK);
        require(maxNewTokens >= 1, "M must be >= 1, got " + maxNewTokens);
        require(minilmTokens >= 1, "the minilm M must be >= 1, got " + minilmTokens);
        require(prompts != null && !prompts.isEmpty(), "the bench needs at least one prompt");
        require(warmup >= 0, "warmup must be >= 0, got " + warmup);
        require(repetitions >= 1, "repetitions must be >= 1, got " + repetitions);
        require(ks != null && !ks.isEmpty() && ks.stream().allMatch(k -> k >= 1), "every k of the sweep must be >= 1: " + ks);
        require(ms != null && !ms.isEmpty() && ms.stream().allMatch(m -> m >= 1), "every M of the sweep must be >= 1: " + ms);
        require(historySizes != null && !historySizes.isEmpty() && historySizes.stream().allMatch(h -> h >= 1),
                "every history size must be >= 1: " + historySizes);
        require(acknowledgements >= 1, "acknowledgements must be >= 1, got " + acknowledgements);
        require(threads >= 1, "threads must be >= 1, got " + threads);
        prompts = List.copyOf(prompts);
        ks = List.copyOf(ks);
        ms = List.copyOf(ms);
        historySizes = List.copyOf(historySizes);
    }

    /**
     * The full run: k = 20, M = 128, k in {5,10,20,40}, M in {32,64,128,256}, histories
     * 10/100/1000; five timed repetitions, because on a shared 2-core machine single decodes of the
     * same tokens vary by +-30%.
     */
    public static BenchSettings full(Path model, List<String> prompts, Path outputDir) {
        return new BenchSettings(model, 20, 128, 16, prompts, 1, 5, List.of(5, 10, 20, 40), List.of(32, 64, 128, 256),
                List.of(10, 100, 1000), 40, Runtime.getRuntime().availableProcessors(), outputDir, false);
    }

    /** CI's run: every section, tiny sizes, one prompt; well under a minute on 2 cores. */
    public static BenchSettings quick(Path model, List<String> prompts, Path outputDir) {
        return new BenchSettings(model, 10, 8, 4, prompts.subList(0, 1), 0, 1, List.of(5, 10), List.of(4, 8),
                List.of(10, 100), 10, Runtime.getRuntime().availableProcessors(), outputDir, true);
    }

    public BenchSettings withTopK(int k) {
        return new BenchSettings(model, k, maxNewTokens, minilmTokens, prompts, warmup, repetitions, ks, ms, historySizes,
                acknowledgements, threads, outputDir, quick);
    }

    public BenchSettings withMaxNewTokens(int m) {
        return new BenchSettings(model, topK, m, minilmTokens, prompts, warmup, repetitions, ks, ms, historySizes,
                acknowledgements, threads, outputDir, quick);
    }

    public BenchSettings withRepetitions(int r) {
        return new BenchSettings(model, topK, maxNewTokens, minilmTokens, prompts, warmup, r, ks, ms, historySizes,
                acknowledgements, threads, outputDir, quick);
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
