package dev.tpop.bench;

import java.util.List;

/**
 * Decode speed of one side of the comparison.
 *
 * @param name            which side (see {@link DecodeBench})
 * @param tokensPerSecond median over repetitions of generated tokens per second (all sequences), prefill excluded
 * @param msPerToken      1000 / tokensPerSecond
 * @param tokensPerRound  tokens one repetition generated (all prompts and sequences)
 * @param samples         tokens per second of each repetition, in order
 */
public record Rate(String name, double tokensPerSecond, double msPerToken, int tokensPerRound, List<Double> samples) {
    static Rate of(String name, List<Sample> rounds) {
        List<Double> tps = rounds.stream().map(Sample::tokensPerSecond).toList();
        double median = Stats.median(tps);
        return new Rate(name, median, 1000 / median, rounds.getFirst().tokens(), tps);
    }
}
