package dev.tpop.eval.decode;

/**
 * One decoded answer of a baseline or of T-POP.
 *
 * @param text   the answer, end-of-sequence token left out
 * @param tokens the generated token ids (end-of-sequence included when it ended the answer)
 */
public record Generation(String text, int[] tokens) {}
