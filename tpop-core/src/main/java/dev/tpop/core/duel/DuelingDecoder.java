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
    private static final int[] NO_TOKENS = new int[0];
    private final DecodingBackend backend;
    private final Featurizer featurizer;
    private final TpopConfig config;
    private final Set<Integer> endOfSequence;
    private final int topK;
    /** Timing hook for benchmarks; null (and then never touched beyond a null check) otherwise. */
    private final DecodeProbe probe;

    public DuelingDecoder(DecodingBackend backend, Featurizer featurizer, TpopConfig config) {
        this(backend, featurizer, config, null);
    }

    private DuelingDecoder(DecodingBackend backend, Featurizer featurizer, TpopConfig config, DecodeProbe probe) {
        this.backend = backend;
        this.featurizer = featurizer;
        this.config = config;
        this.endOfSequence = backend.endOfSequenceIds();
        this.topK = Math.min(config.topK(), backend.vocabularySize());
        this.probe = probe;
    }

    /** This decoder reporting the time of each part of every decode to {@code probe} (benchmarks only). */
    public DuelingDecoder withProbe(DecodeProbe probe) {
        return new DuelingDecoder(backend, featurizer, config, probe);
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
        int rewardInputs = featurizer.aggregation().rewardInputs(featurizer.dimension());
        if (theta.inputDimension() != rewardInputs) {
            throw new IllegalArgumentException("the reward expects " + theta.inputDimension() + " inputs, the featurizer '"
                    + featurizer.name() + "' gives " + rewardInputs);
        }
        ArmState[] state = new ArmState[arms];
        for (int a = 0; a < arms; a++) {
            state[a] = new ArmState(config.maxNewTokens(), featurizer.dimension(), rewardInputs, theta.lastLayerDimension());
        }
        long begin = probe == null ? 0 : System.nanoTime();
        try (DecodingBatch batch = backend.start(List.of(new ChatMessage("user", query)), arms, topK, config.maxNewTokens())) {
            if (probe != null) probe.add(DecodeProbe.Phase.PREFILL, System.nanoTime() - begin);
            for (int position = 0; position < config.maxNewTokens(); position++) {
                int[] chosen = new int[arms];
                java.util.Arrays.fill(chosen, -1);
                for (int a = 0; a < arms; a++) {
                    ArmState arm = state[a];
                    if (arm.finished) continue;
                    long t = probe == null ? 0 : System.nanoTime();
                    NextTokens next = batch.next(a);
                    if (probe != null) t = lap(DecodeProbe.Phase.TOP_K, t);
                    Candidates c = score(query, arm, next, theta);
                    // the explore arm compares with the exploit arm's choice at this position
                    // (or its whole answer, once it has finished)
                    double[] bonus = null;
                    if (a > 0) {
                        if (probe != null) t = System.nanoTime();
                        bonus = bonuses(c, state[0].gradient, uncertainty);
                        if (probe != null) t = lap(DecodeProbe.Phase.UCB, t);
                    } else if (probe != null) {
                        t = System.nanoTime();
                    }
                    int pick = c.argmax(bonus);
                    if (pick < 0) {
                        pick = 0; // no finite score: fall back to the base model's greedy choice
                        arm.fallbacks++;
                    }
                    arm.append(next.tokenIds()[pick], c.tokenRows[pick], c.inputs[pick], c.gradients[pick]);
                    chosen[a] = next.tokenIds()[pick];
                    if (a == 0 && onExploitToken != null) onExploitToken.accept(chosen[a]);
                    if (endOfSequence.contains(chosen[a]) || arm.length == config.maxNewTokens()) arm.finished = true;
                    if (probe != null) lap(DecodeProbe.Phase.SELECTION, t);
                }
                boolean anyLive = false;
                for (ArmState arm : state) anyLive |= !arm.finished;
                if (!anyLive) break;
                int[] advance = chosen.clone();
                for (int a = 0; a < arms; a++) if (state[a].finished) advance[a] = -1;
                long t = probe == null ? 0 : System.nanoTime();
                batch.advance(advance);
                if (probe != null) lap(DecodeProbe.Phase.FORWARD, t);
            }
        }
        ArmResponse exploit = state[0].toResponse(backend, endOfSequence);
        ArmResponse explore = arms > 1 ? state[1].toResponse(backend, endOfSequence) : null;
        if (probe != null) {
            probe.decoded(exploit.tokens().length + (explore == null ? 0 : explore.tokens().length), System.nanoTime() - begin);
        }
        return new Duel(exploit, explore);
    }

    /** Reports the time since {@code since} to the probe as {@code phase}; returns now. */
    private long lap(DecodeProbe.Phase phase, long since) {
        long now = System.nanoTime();
        probe.add(phase, now - since);
        return now;
    }

    private Candidates score(String query, ArmState arm, NextTokens next, RewardNetwork theta) {
        int n = next.size();
        long t = probe == null ? 0 : System.nanoTime();
        int[] answerSoFar = featurizer.readsResponseTokens() ? arm.tokens() : NO_TOKENS;
        float[][] rows = featurizer.candidateFeatures(new ResponsePrefix(query, answerSoFar, next.hidden()), next.tokenIds());
        float[][] inputs = featurizer.aggregation() == Aggregation.MEAN_OF_TOKENS ? meanPooled(arm, rows, next.tokenIds()) : rows;
        if (probe != null) t = lap(DecodeProbe.Phase.FEATURIZER, t);
        double[][] gradients = new double[n][theta.lastLayerDimension()];
        double[] scores = new double[n];
        boolean logMode = config.scoreMode() == TpopConfig.ScoreMode.LOG_PROBABILITY;
        for (int i = 0; i < n; i++) {
            double r = theta.forward(inputs[i], gradients[i]);
            double base = logMode ? next.logProbs()[i] : Math.exp(next.logProbs()[i]);
            scores[i] = base + config.omega() * r;
        }
        if (probe != null) lap(DecodeProbe.Phase.REWARD, t);
        return new Candidates(rows, inputs, gradients, scores);
    }

    /** phi(x, [y_<p, v]) = mean of the token rows of y_<p and v, then 1 if v ends the response. */
    private float[][] meanPooled(ArmState arm, float[][] rows, int[] candidates) {
        int d = featurizer.dimension();
        float scale = 1f / (arm.length + 1);
        float[][] out = new float[rows.length][d + 1];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) out[i][j] = (arm.tokenRowSum[j] + rows[i][j]) * scale;
            out[i][d] = endOfSequence.contains(candidates[i]) ? 1f : 0f;
        }
        return out;
    }

    /** omega * nu * ||g(x,[y2_<p, v]) - g(x,[y1_<p, v1])||_{V^-1} for each candidate v of the explore arm. */
    private double[] bonuses(Candidates c, double[] exploitGradient, UncertaintyModel uncertainty) {
        double weight = config.omega() * config.nu();
        double[] bonus = new double[c.scores.length];
        if (weight == 0 || uncertainty == null) return bonus;
        double[] z = new double[exploitGradient.length], scratch = new double[exploitGradient.length];
        for (int i = 0; i < bonus.length; i++) {
            double[] g = c.gradients[i];
            for (int j = 0; j < z.length; j++) z[j] = g[j] - exploitGradient[j];
            bonus[i] = weight * uncertainty.norm(z, scratch);
        }
        return bonus;
    }

    private static void requireQuery(String query) {
        if (query == null || query.isBlank()) throw new IllegalArgumentException("the query is empty: ask something");
    }

    /** Per-candidate featurizer rows, reward inputs, last-layer gradients and scores S(v) at one position. */
    private record Candidates(float[][] tokenRows, float[][] inputs, double[][] gradients, double[] scores) {
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
