package dev.tpop.server;

/**
 * How log-probabilities are written to JSON. A log-probability can be -infinity (a token the model
 * rules out) or, after a numerical accident, NaN; neither is valid JSON, and both would break every
 * client. They are reported as {@link #FLOOR} (-9999.0, e^-9999 is 0 in any float format), which
 * keeps the field a number and the order of candidates intact. Documented in openapi.json.
 */
final class LogProbs {
    static final double FLOOR = -9999.0;

    private LogProbs() {}

    static double clamp(double logProb) {
        return Double.isNaN(logProb) || logProb < FLOOR ? FLOOR : Math.min(0.0, logProb);
    }
}
