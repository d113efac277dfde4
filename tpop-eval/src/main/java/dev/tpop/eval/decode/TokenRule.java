package dev.tpop.eval.decode;

/**
 * How a contrastive method turns the next-token log-probabilities under the preference prompt and
 * under the plain prompt into scores whose argmax is the next token.
 */
@FunctionalInterface
public interface TokenRule {
    /** Scores over the whole vocabulary; only their argmax matters. Inputs must not be modified. */
    double[] scores(double[] preferenceLogProbs, double[] plainLogProbs);
}
