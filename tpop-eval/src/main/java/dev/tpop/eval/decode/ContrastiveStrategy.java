package dev.tpop.eval.decode;

import dev.tpop.core.backend.DecodingBackend;
import dev.tpop.core.backend.DecodingBatch;
import java.util.Arrays;
import java.util.Set;

/**
 * Greedy decoding by a {@link TokenRule} over two prompts advanced in lock-step with the same tokens:
 * the preference prompt and the plain prompt (LA, Amulet). Each position is one model step per prompt.
 *
 * <p>{@code topP < 1} restricts the choice to the top-p nucleus of the preference prompt's
 * distribution, as the original LA code does; 1 (the default) turns it off. (The Amulet code applies
 * top-p to the combined distribution before an argmax, which never changes the argmax.)
 */
public final class ContrastiveStrategy implements DecodingStrategy {
    private final String name;
    private final DecodingBackend backend;
    private final String attribute;
    private final TokenRule rule;
    private final double topP;
    private final int maxNewTokens;

    public ContrastiveStrategy(String name, DecodingBackend backend, String attribute, TokenRule rule, double topP, int maxNewTokens) {
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
        this.name = name;
        this.backend = backend;
        this.attribute = attribute;
        this.rule = rule;
        this.topP = topP;
        this.maxNewTokens = maxNewTokens;
    }

    public static ContrastiveStrategy linearAlignment(DecodingBackend backend, String attribute, double ratio, double topP, int maxNewTokens) {
        return new ContrastiveStrategy("LA", backend, attribute, new LinearAlignment(ratio), topP, maxNewTokens);
    }

    public static ContrastiveStrategy amulet(DecodingBackend backend, String attribute, AmuletGame game, int maxNewTokens) {
        return new ContrastiveStrategy("Amulet", backend, attribute, game, 1.0, maxNewTokens);
    }

    @Override
    public String name() { return name; }

    @Override
    public Generation generate(String query) {
        Set<Integer> eos = backend.endOfSequenceIds();
        int[] tokens = new int[maxNewTokens];
        int n = 0;
        try (DecodingBatch pref = backend.start(PreferencePrompt.preference(attribute, query), 1, 1, maxNewTokens);
             DecodingBatch plain = backend.start(PreferencePrompt.plain(query), 1, 1, maxNewTokens)) {
            while (n < maxNewTokens) {
                int t = nextToken(LogProbs.logSoftmax(pref.logits(0)), LogProbs.logSoftmax(plain.logits(0)));
                tokens[n++] = t;
                if (eos.contains(t) || n == maxNewTokens) break;
                pref.advance(new int[] {t});
                plain.advance(new int[] {t});
            }
        }
        return Generations.of(backend, Arrays.copyOf(tokens, n));
    }

    /** The token this method picks given both distributions (exposed for tests). */
    public int nextToken(double[] prefLogProbs, double[] plainLogProbs) {
        double[] s = rule.scores(prefLogProbs, plainLogProbs);
        return topP >= 1 ? LogProbs.argmax(s) : LogProbs.argmax(s, LogProbs.nucleus(prefLogProbs, topP));
    }
}
