package dev.tpop.bench;

/** One timed decode: {@code tokens} new tokens (all sequences together) in {@code nanos}, prefill excluded. */
record Sample(long nanos, int tokens) {
    Sample plus(Sample o) {
        return new Sample(nanos + o.nanos, tokens + o.tokens);
    }

    double tokensPerSecond() {
        return tokens / (nanos / 1e9);
    }
}
