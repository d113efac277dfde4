package dev.tpop.bench;

import dev.tpop.core.TpopConfig;
import dev.tpop.core.backend.LocalBackend;
import dev.tpop.core.duel.DuelingDecoder;
import dev.tpop.core.reward.BaseModelFeaturizer;
import dev.tpop.core.reward.Featurizer;
import dev.tpop.core.reward.RewardNetwork;
import dev.tpop.core.reward.TextEncoderFeaturizer;
import dev.tpop.llm.chat.ChatMessage;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What every part of the bench shares: one loaded model, its fixed-length backend, the featurizers
 * (each built once, so the base featurizer's embedding cache and minilm's encoder are warm for all),
 * the prompts as token ids, and a personalized theta.
 */
final class BenchRig implements AutoCloseable {
    final BenchSettings settings;
    final LocalBackend local;
    final FixedLengthBackend backend;
    final Featurizer base;
    private Featurizer minilm;
    private final List<int[]> promptTokens;

    BenchRig(BenchSettings settings) {
        this.settings = settings;
        this.local = LocalBackend.load(settings.model());
        this.backend = new FixedLengthBackend(local);
        TpopConfig c = TpopConfig.defaults();
        this.base = new BaseModelFeaturizer(backend, c.featureDimension(), c.seed());
        this.promptTokens = settings.prompts().stream()
                .map(q -> local.promptTokens(List.of(new ChatMessage("user", q)))).toList();
        int context = local.model().config().contextLength();
        if (contextNeeded() > context) {
            int longest = contextNeeded() - largestM() - 16;
            local.model().close();
            // checked before llama.cpp loads: it crashes the JVM instead of refusing a too-long decode
            throw new IllegalArgumentException("M = " + largestM() + " tokens after a " + longest + "-token prompt does not fit the model's"
                    + " context of " + context + " tokens: lower -M (at most " + (context - longest - 16) + ")");
        }
    }

    private int largestM() {
        return Math.max(settings.maxNewTokens(), settings.ms().stream().mapToInt(Integer::intValue).max().orElse(0));
    }

    /** "base" or "minilm"; minilm's encoder is loaded on first use. */
    Featurizer featurizer(String name) {
        if (name.equals("base")) return base;
        if (minilm == null) minilm = new TextEncoderFeaturizer(backend::decode);
        return minilm;
    }

    /** The paper's defaults with this k and M, decoding to exactly M tokens. */
    DuelingDecoder decoder(String featurizer, int topK, int maxNewTokens) {
        TpopConfig c = TpopConfig.defaults().withOverrides(java.util.Map.of("topK", topK, "maxNewTokens", maxNewTokens,
                "featurizer", featurizer));
        return new DuelingDecoder(backend, featurizer(featurizer), c);
    }

    /**
     * theta_0 with a random last layer: a personalized user's reward (a cold-start theta has a zero
     * last layer, which would make every reward 0; the cost is the same, the choices are not).
     */
    RewardNetwork personalizedTheta(String featurizer) {
        TpopConfig c = TpopConfig.defaults();
        RewardNetwork t0 = RewardNetwork.initialize(featurizer(featurizer), c.hiddenUnits(), c.seed());
        double[] theta = t0.theta();
        SplittableRandom random = new SplittableRandom(7);
        int w2 = t0.hiddenUnits() * t0.inputDimension() + t0.hiddenUnits();
        for (int i = w2; i < theta.length; i++) theta[i] = 0.1 * (random.nextDouble() * 2 - 1);
        return new RewardNetwork(t0.inputDimension(), t0.hiddenUnits(), theta);
    }

    int[] promptTokens(int i) { return promptTokens.get(i); }

    String prompt(int i) { return settings.prompts().get(i); }

    int promptCount() { return promptTokens.size(); }

    /** Context the llama.cpp reference needs: the longest prompt plus the largest M, with room. */
    int contextNeeded() {
        int longest = promptTokens.stream().mapToInt(p -> p.length).max().orElse(0);
        return longest + largestM() + 16;
    }

    @Override
    public void close() {
        local.model().close();
    }
}
