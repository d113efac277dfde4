package dev.tpop.bench;

/** Bytes of one user's persisted state ({@code UserSession.save}, gzip JSON) with {@code rounds} answered rounds. */
public record StateSize(int rounds, long bytes) {}
