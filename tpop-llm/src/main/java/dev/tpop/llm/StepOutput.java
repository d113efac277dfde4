package dev.tpop.llm;

/**
 * What one forward position yields.
 *
 * @param logits next-token logits, length {@code vocabSize}
 * @param hidden the final RMSNorm's output (the LM head's input), length {@code dim}; T-POP uses it as
 *               the representation of the sequence so far
 */
public record StepOutput(float[] logits, float[] hidden) {}
