package dev.tpop.core.duel;

/**
 * One decoded answer and what learning needs from it.
 *
 * @param tokens     response token ids as decoded (the end-of-sequence token included when it ended one)
 * @param text       the text of those tokens, end-of-sequence token left out
 * @param features   the reward's input for the whole response, phi(x, y): its training features
 * @param gradient   g(x, y) = grad of r w.r.t. the tracked parameters at the theta used to decode
 * @param endedByEos whether the answer stopped at an end-of-sequence token (else at M tokens)
 * @param fallbacks  positions where the reward was not finite for any candidate and the base
 *                   model's greedy token was used instead
 */
public record ArmResponse(int[] tokens, String text, float[] features, double[] gradient, boolean endedByEos, int fallbacks) {}
