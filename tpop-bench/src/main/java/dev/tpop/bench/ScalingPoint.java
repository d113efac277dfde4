package dev.tpop.bench;

/**
 * Cost of a tpop pair (base featurizer) at one (k, M).
 *
 * @param msPerToken median milliseconds per generated token (both arms), prefill excluded
 * @param msPerPair  median milliseconds of the whole pair's decode, prefill excluded
 */
public record ScalingPoint(int k, int m, double msPerToken, double msPerPair) {}
