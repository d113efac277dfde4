package dev.tpop.eval.decode;

/**
 * A way of answering a query that the evaluation compares (Base, Pref, BS16, LA, Amulet, T-POP).
 * One interface so the harness scores every method the same way on the same held-out prompts.
 */
public interface DecodingStrategy {
    /** The column name in the report, e.g. "LA". */
    String name();

    /** The answer to {@code query}; deterministic for a fixed model and configuration. */
    Generation generate(String query);
}
