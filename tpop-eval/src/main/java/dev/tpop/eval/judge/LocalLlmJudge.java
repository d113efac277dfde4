package dev.tpop.eval.judge;

import dev.tpop.core.backend.DecodingBatch;
import dev.tpop.core.backend.LocalBackend;
import dev.tpop.llm.chat.ChatMessage;
import java.util.List;

/**
 * The local model as a pairwise judge, independent of the simulated users' scorers. Each order of the
 * two answers is one prefill of {@link PositionSwappedJudge#prompt}; the order's margin is the
 * next-token logit of "A" minus that of "B" (no sampling, no parsing).
 *
 * <p>Why margins instead of {@link PositionSwappedJudge}'s "must win in both orders": a 135M model
 * answers the same letter whatever the order, so strict agreement turned every comparison into a tie
 * (all 10 of the smoke run). Summing {@code margin(first as A) - margin(first as B)} cancels a
 * constant position bias and keeps the model's remaining preference: the first answer wins when the
 * sum is positive, loses when negative, ties when exactly zero.
 */
public final class LocalLlmJudge implements PairwiseJudge {
    private final LocalBackend backend;
    private final int tokenA;
    private final int tokenB;

    public LocalLlmJudge(LocalBackend backend) {
        this.backend = backend;
        this.tokenA = single(backend, "A");
        this.tokenB = single(backend, "B");
    }

    private static int single(LocalBackend backend, String letter) {
        int[] ids = backend.tokenizer().encode(letter);
        if (ids.length != 1) throw new IllegalStateException("the judge needs '" + letter + "' to be one token; it is " + ids.length);
        return ids[0];
    }

    @Override
    public String name() {
        return "local LLM (" + backend.modelId() + "), position-debiased";
    }

    @Override
    public Verdict compare(String attribute, String query, String first, String second) {
        double m = margin(attribute, query, first, second) - margin(attribute, query, second, first);
        return m > 0 ? Verdict.FIRST : m < 0 ? Verdict.SECOND : Verdict.TIE;
    }

    /** logit("A") - logit("B") after the judge prompt with {@code a} as response A. */
    double margin(String attribute, String query, String a, String b) {
        String text = PositionSwappedJudge.prompt(attribute, query, a, b);
        try (DecodingBatch batch = backend.start(List.of(new ChatMessage("user", text)), 1, 1, 1)) {
            float[] logits = batch.logits(0);
            return (double) logits[tokenA] - logits[tokenB];
        }
    }
}
