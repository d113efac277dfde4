package dev.tpop.bench;

import dev.tpop.llm.LlamaModel;
import dev.tpop.llm.Sequence;
import dev.tpop.llm.StepOutput;
import java.util.List;

/**
 * Our engine's plain greedy decoding (argmax, no top-k, no reward): the reference that shows what
 * personalization adds on top of the engine. One sequence is the reference of the exploit-only
 * answer; two sequences forked from one prefill, stepped together, are the reference of a pair.
 */
final class EngineGreedy {
    private final LlamaModel model;

    EngineGreedy(LlamaModel model) {
        this.model = model;
    }

    /** {@code tokens} greedy tokens for each of {@code sequences} sequences after {@code prompt}; prefill untimed. */
    Sample decode(int[] prompt, int tokens, int sequences) {
        Sequence first = model.newSequence(prompt.length + tokens + 1);
        StepOutput out = model.prefill(first, prompt);
        Sequence[] seqs = new Sequence[sequences];
        seqs[0] = first;
        for (int i = 1; i < sequences; i++) seqs[i] = first.fork();
        List<Sequence> batch = List.of(seqs);
        int[] next = new int[sequences];
        java.util.Arrays.fill(next, LlamaModel.argmax(out.logits()));
        long t0 = System.nanoTime();
        // the first token comes from the prefill, as it does for a pair; M - 1 steps give M tokens
        for (int step = 1; step < tokens; step++) {
            List<StepOutput> outs = model.step(batch, next);
            for (int i = 0; i < sequences; i++) next[i] = LlamaModel.argmax(outs.get(i).logits());
        }
        return new Sample(System.nanoTime() - t0, tokens * sequences);
    }
}
