package dev.tpop.eval.judge;

/**
 * Decides which of two answers to a query shows an attribute more. Win rates of the report come from
 * judges; at least one of them must be independent of the simulated user's own scorer, since T-POP
 * was trained on that scorer's preferences.
 */
public interface PairwiseJudge {
    /** A short name for the report, e.g. "local LLM (SmolLM2), position-swapped". */
    String name();

    Verdict compare(String attribute, String query, String first, String second);
}
