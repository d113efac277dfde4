package dev.tpop.bench;

/**
 * How long {@code UserSession.feedback} takes to acknowledge a click while a refit runs.
 *
 * @param historyPairs the history the running refits train on
 * @param calls        feedback calls timed
 * @param duringRefit  of those, calls made while a refit was running or queued
 * @param p50Ms        median latency of the calls made during a refit
 */
public record FeedbackLatency(int historyPairs, int calls, int duringRefit, double p50Ms, double p90Ms, double maxMs) {}
