package dev.tpop.eval.judge;

import dev.tpop.core.backend.DecodingBatch;
import dev.tpop.core.backend.LocalBackend;
import dev.tpop.llm.chat.ChatMessage;
import java.util.List;

/**
 * The local model as a pairwise judge: one prefill of the judge prompt, then the verdict is whichever
 * of the tokens "A" and "B" has the larger next-token logit (no sampling, no parsing). Independent of
 * the simulated users' scorers; weak (a 135M model), which is why it is position-swapped and why an
 * OpenAI-compatible judge can be configured as well.
 */
public final class LocalLlmJudge extends PositionSwappedJudge {
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
        return "local LLM (" + backend.modelId() + "), position-swapped";
    }

    @Override
    protected Verdict askOnce(String attribute, String query, String a, String b) {
        String text = prompt(attribute, query, a, b);
        try (DecodingBatch batch = backend.start(List.of(new ChatMessage("user", text)), 1, 1, 1)) {
            float[] logits = batch.logits(0);
            return logits[tokenA] > logits[tokenB] ? Verdict.FIRST : logits[tokenA] < logits[tokenB] ? Verdict.SECOND : Verdict.TIE;
        }
    }
}
