package dev.tpop.eval.decode;

import dev.tpop.core.backend.DecodingBackend;
import dev.tpop.core.backend.DecodingBatch;
import dev.tpop.llm.chat.ChatMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Greedy decoding of a prompt built from the query: Base (plain prompt) and Pref (preference system
 * prompt). Uses top-1 of the backend, which is exactly the argmax of the full distribution.
 */
public final class GreedyStrategy implements DecodingStrategy {
    private final String name;
    private final DecodingBackend backend;
    private final Function<String, List<ChatMessage>> prompt;
    private final int maxNewTokens;

    public GreedyStrategy(String name, DecodingBackend backend, Function<String, List<ChatMessage>> prompt, int maxNewTokens) {
        this.name = name;
        this.backend = backend;
        this.prompt = prompt;
        this.maxNewTokens = maxNewTokens;
    }

    /** Base: greedy decoding of the plain prompt. */
    public static GreedyStrategy base(DecodingBackend backend, int maxNewTokens) {
        return new GreedyStrategy("Base", backend, PreferencePrompt::plain, maxNewTokens);
    }

    /** Pref: greedy decoding with the preference sentence as the system prompt. */
    public static GreedyStrategy pref(DecodingBackend backend, String attribute, int maxNewTokens) {
        return new GreedyStrategy("Pref", backend, q -> PreferencePrompt.preference(attribute, q), maxNewTokens);
    }

    @Override
    public String name() { return name; }

    @Override
    public Generation generate(String query) {
        Set<Integer> eos = backend.endOfSequenceIds();
        int[] tokens = new int[maxNewTokens];
        int n = 0;
        try (DecodingBatch batch = backend.start(prompt.apply(query), 1, 1, maxNewTokens)) {
            while (n < maxNewTokens) {
                int t = batch.next(0).greedyToken();
                tokens[n++] = t;
                if (eos.contains(t) || n == maxNewTokens) break;
                batch.advance(new int[] {t});
            }
        }
        return Generations.of(backend, Arrays.copyOf(tokens, n));
    }
}
