package dev.tpop.core.duel;

import dev.tpop.core.TpopConfig;
import dev.tpop.core.backend.DecodingBackend;
import dev.tpop.core.backend.DecodingBatch;
import dev.tpop.core.backend.NextTokens;
import dev.tpop.core.reward.Aggregation;
import dev.tpop.core.reward.Featurizer;
import dev.tpop.core.reward.ResponsePrefix;
import dev.tpop.core.reward.RewardNetwork;
import dev.tpop.core.reward.UncertaintyModel;
import dev.tpop.llm.chat.ChatMessage;
import java.util.List;
import java.util.Set;

/**
 * Token-level dueling decoding (algorithm.md, "One round"). Both arms continue one shared prompt
 * and advance together, one batched model step per position. At each position an arm re-ranks the
 * base model's top-k by {@code S(v) = pi_base(v) + omega r(x, [y_<p, v])}; the exploit arm takes
 * the argmax, the explore arm adds {@code omega nu ||g(x,[y2_<p,v]) - g(x,[y1_<p,v1])||_{V^-1}}.
 *
 * <p>Stateless apart from its collaborators: theta and V^-1 are passed per call, so a session can
 * swap them between calls without locking the decoder.
 */
public final class DuelingDecoder {
    private final DecodingBackend backend;
    private final Featurizer featurizer;
    private final TpopConfig config;
    private final Set<Integer> endOfSequence;
    private final int topK;

    public DuelingDecoder(DecodingBackend backend, Featurizer featurizer, TpopConfig config) {
        this.backend = backend;
        this.featurizer = featurizer;
        this.config = config;
        this.endOfSequence = backend.endOfSequenceIds();
        this.topK = Math.min(config.topK(), backend.vocabularySize());
    }

    public TpopConfig config() { return config; }

    public Featurizer featurizer() { return featurizer; }

    public DecodingBackend backend() { return backend; }

    /** The k actually used: the configured top_k clamped to the vocabulary. */
    public int effectiveTopK() { return topK; }

    /** One round: the exploit and explore answers to {@code query}, decoded in lock-step. */
    public Duel duel(String query, RewardNetwork theta, UncertaintyModel uncertainty) {
        return decode(query, theta, uncertainty, 2);
    }

    /** The personalized answer: the exploit arm alone (after personalization only it is used). */
    public ArmResponse generate(String query, RewardNetwork theta) {
        return decode(query, theta, null, 1, null).exploit();
    }

    /**
     * {@link #generate(String, RewardNetwork)} that also reports each token id as soon as it is chosen
     * (an end-of-sequence id included), so a server can stream the answer while it is decoded.
     */
    public ArmResponse generate(String query, RewardNetwork theta, java.util.function.IntConsumer onToken) {
        return decode(query, theta, null, 1, onToken).exploit();
    }

    private Duel decode(String query, RewardNetwork theta, UncertaintyModel uncertainty, int arms) {
        return decode(query, theta, uncertainty, arms, null);
    }

    private Duel decode(String query, RewardNetwork theta, UncertaintyModel uncertainty, int arms, java.util.function.IntConsumer onExploitToken) {
        requireQuery(query);
        ArmState[] state = new ArmState[arms];
        for (int a = 0; a < arms; a++) state[a] = new ArmState(config.maxNewTokens(), theta.lastLayerDimension());
        try (DecodingBatch batch = backend.start(List.of(new ChatMessage("user", query)), arms, topK, config.maxNewTokens())) {
            for (int position = 0; position < config.maxNewTokens(); position++) {
                int[] chosen = new int[arms];
                java.util.Arrays.fill(chosen, -1);
                double[] exploitStepGradient = null;
                for (int a = 0; a < arms; a++) {
                    ArmState arm = state[a];
                    if (arm.finished) continue;
                    NextTokens next = batch.next(a);
                    Candidates c = score(query, arm, next, theta);
                    int pick;
                    if (a == 0) {
                        pick = c.argmax(null);
                    } else {
                        double[] reference = state[0].finished && exploitStepGradient == null
                                ? state[0].responseGradient(featurizer.aggregation())
                                : exploitStepGradient;
                        pick = c.argmax(bonuses(arm, c, reference, uncertainty));
                    }
                    if (pick < 0) {
                        pick = 0; // no finite score: fall back to the base model's greedy choice
                        arm.fallbacks++;
                    }
                    arm.append(next.tokenIds()[pick], c.features[pick], c.gradients[pick], featurizer.aggregation());
                    if (a == 0) exploitStepGradient = arm.responseGradient(featurizer.aggregation());
                    chosen[a] = next.tokenIds()[pick];
                    if (a == 0 && onExploitToken != null) onExploitToken.accept(chosen[a]);
                    if (endOfSequence.contains(chosen[a]) || arm.length == config.maxNewTokens()) arm.finished = true;
                }
                boolean anyLive = false;
                for (ArmState arm : state) anyLive |= !arm.finished;
                if (!anyLive) break;
                int[] advance = chosen.clone();
                for (int a = 0; a < arms; a++) if (state[a].finished) advance[a] = -1;
                batch.advance(advance);
            }
        }
        ArmResponse exploit = state[0].toResponse(backend, endOfSequence, featurizer.aggregation());
        ArmResponse explore = arms > 1 ? state[1].toResponse(backend, endOfSequence, featurizer.aggregation()) : null;
        return new Duel(exploit, explore);
    }

    private Candidates score(String query, ArmState arm, NextTokens next, RewardNetwork theta) {
        int n = next.size();
        float[][] features = featurizer.candidateFeatures(new ResponsePrefix(query, arm.tokens(), next.hidden()), next.tokenIds());
        double[][] gradients = new double[n][theta.lastLayerDimension()];
        double[] scores = new double[n];
        boolean logMode = config.scoreMode() == TpopConfig.ScoreMode.LOG_PROBABILITY;
        for (int i = 0; i < n; i++) {
            double r = theta.forward(features[i], gradients[i]);
            double base = logMode ? next.logProbs()[i] : Math.exp(next.logProbs()[i]);
            scores[i] = base + config.omega() * r;
        }
        return new Candidates(features, gradients, scores);
    }

    /** omega * nu * ||g(x,[y2_<p, v]) - g(x,[y1_<p, v1])||_{V^-1} for each candidate v of the explore arm. */
    private double[] bonuses(ArmState arm, Candidates c, double[] exploitGradient, UncertaintyModel uncertainty) {
        double weight = config.omega() * config.nu();
        double[] bonus = new double[c.scores.length];
        if (weight == 0 || uncertainty == null) return bonus;
        boolean sum = featurizer.aggregation() == Aggregation.SUM_OVER_TOKENS;
        double[] z = new double[exploitGradient.length];
        for (int i = 0; i < bonus.length; i++) {
            double[] g = c.gradients[i];
            for (int j = 0; j < z.length; j++) z[j] = (sum ? arm.gradientSum[j] : 0) + g[j] - exploitGradient[j];
            bonus[i] = weight * uncertainty.norm(z);
        }
        return bonus;
    }

    private static void requireQuery(String query) {
        if (query == null || query.isBlank()) throw new IllegalArgumentException("the query is empty: ask something");
    }

    /** Per-candidate features, last-layer gradients and scores S(v) at one position. */
    private record Candidates(float[][] features, double[][] gradients, double[] scores) {
        /** Index of the best finite score (+ bonus), the earliest (most probable) on ties; -1 if none is finite. */
        int argmax(double[] bonus) {
            int best = -1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < scores.length; i++) {
                double s = bonus == null ? scores[i] : scores[i] + bonus[i];
                if (Double.isFinite(s) && (best < 0 || s > bestScore)) {
                    best = i;
                    bestScore = s;
                }
            }
            return best;
        }
    }
}
