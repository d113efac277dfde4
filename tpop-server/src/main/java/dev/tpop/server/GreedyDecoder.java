package dev.tpop.server;

import dev.tpop.core.backend.LocalBackend;
import dev.tpop.core.backend.NextTokens;
import dev.tpop.core.backend.TopK;
import dev.tpop.llm.LlamaModel;
import dev.tpop.llm.Sequence;
import dev.tpop.llm.StepOutput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The base model alone, greedy, over a raw token prompt: what {@code /v1/completions} serves (so
 * tpop can be the top-k source of a {@code RemoteBackend}) and what a chat request without a user
 * gets. Each generated token is reported with the base model's top-k as it is produced, which is
 * what streaming and {@code logprobs} need. Model calls are serialized on the model, as in
 * {@link LocalBackend}.
 */
final class GreedyDecoder {
    /** Called once per generated token, before the next model step. */
    interface Listener {
        void onToken(int tokenId, NextTokens candidates);
    }

    /** @param tokens generated ids (an end-of-sequence id included when it ended the answer) */
    record Result(int[] tokens, List<NextTokens> steps, boolean endedByEos) {}

    private final LocalBackend backend;

    GreedyDecoder(LocalBackend backend) {
        this.backend = backend;
    }

    Result decode(int[] prompt, int maxTokens, int topK, Listener listener) {
        LlamaModel model = backend.model();
        int context = model.config().contextLength();
        if (prompt.length == 0) throw ApiException.badRequest("the prompt is empty");
        if (prompt.length + maxTokens > context) {
            throw ApiException.badRequest("the prompt is " + prompt.length + " tokens; with max_tokens " + maxTokens
                    + " it exceeds the model's context of " + context + " tokens: shorten it or lower max_tokens");
        }
        Set<Integer> eos = backend.endOfSequenceIds();
        Sequence seq = model.newSequence(prompt.length + maxTokens + 1);
        StepOutput out;
        synchronized (model) {
            out = model.prefill(seq, prompt);
        }
        int[] tokens = new int[maxTokens];
        List<NextTokens> steps = new ArrayList<>();
        int n = 0;
        boolean ended = false;
        while (n < maxTokens) {
            NextTokens next = TopK.select(out.logits(), Math.max(1, topK), null);
            int token = next.greedyToken();
            tokens[n++] = token;
            steps.add(next);
            if (listener != null) listener.onToken(token, next);
            if (eos.contains(token)) {
                ended = true;
                break;
            }
            if (n == maxTokens) break;
            synchronized (model) {
                out = model.step(seq, token);
            }
        }
        return new Result(Arrays.copyOf(tokens, n), steps, ended);
    }
}
