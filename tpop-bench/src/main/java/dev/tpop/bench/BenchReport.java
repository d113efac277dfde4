package dev.tpop.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything one {@code tpop bench} run measured; written as bench.json.
 *
 * @param environment when, where and with which settings
 * @param rates       decode speed of every side ({@link DecodeBench})
 * @param ratios      the cost ratios the targets are stated in (time per token of one side over another's)
 * @param breakdown   per-token time of each phase of the tpop decodes
 * @param refits      refit time per history size
 * @param states      persisted state size per history size
 * @param feedback    acknowledgement latency during refits
 * @param scaling     the k and M sweeps
 * @param targets     issue #5's targets, met or not
 */
public record BenchReport(Environment environment, List<Rate> rates, Map<String, Double> ratios, List<Breakdown> breakdown,
                          List<RefitTime> refits, List<StateSize> states, FeedbackLatency feedback, Scaling scaling,
                          List<Target> targets) {

    /** The run's circumstances, so a number is never read without them. */
    public record Environment(String date, String machine, int cpus, int threads, String java, String model, int topK,
                              int maxNewTokens, int minilmTokens, int prompts, int warmup, int repetitions, boolean quick) {}

    public Rate rate(String name) {
        return rates.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no rate '" + name + "'"));
    }

    public void write(Path file) {
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
