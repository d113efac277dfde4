package dev.tpop.bench;

import java.util.Map;

/**
 * Where the time of one kind of tpop decode goes, per generated token (a pair's tokens are both arms').
 *
 * @param run        which decode ({@link DecodeBench} names)
 * @param tokens     tokens the breakdown was measured over
 * @param msPerToken forward, top_k, featurizer, reward, ucb, selection, other and total, in milliseconds
 */
public record Breakdown(String run, long tokens, Map<String, Double> msPerToken) {}
