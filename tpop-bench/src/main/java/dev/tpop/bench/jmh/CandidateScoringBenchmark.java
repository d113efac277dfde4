package dev.tpop.bench.jmh;

import dev.tpop.core.backend.DecodingBackend;
import dev.tpop.core.backend.DecodingBatch;
import dev.tpop.core.backend.NextTokens;
import dev.tpop.core.backend.TopK;
import dev.tpop.core.reward.BaseModelFeaturizer;
import dev.tpop.core.reward.ResponsePrefix;
import dev.tpop.core.reward.RewardNetwork;
import dev.tpop.core.reward.UncertaintyModel;
import dev.tpop.llm.chat.ChatMessage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What tpop adds to one token of one arm, piece by piece, at SmolLM2's sizes (vocabulary 49152,
 * width 576): top-k with its log-normalizer over the whole vocabulary, the base featurizer's k rows,
 * the reward MLP with last-layer gradients on k candidates, and the k UCB norms. The bench's
 * per-token breakdown says the same on the real model; this isolates each part from the noise.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class CandidateScoringBenchmark {
    static final int VOCABULARY = 49152, WIDTH = 576;

    @Param({"5", "20", "40"})
    public int k;

    private float[] logits;
    private float[] hidden;
    private NextTokens next;
    private BaseModelFeaturizer featurizer;
    private RewardNetwork theta;
    private UncertaintyModel uncertainty;
    private float[][] inputs;
    private double[][] gradients;

    @Setup
    public void setUp() {
        logits = Weights.vector(VOCABULARY, 5);
        hidden = Weights.vector(WIDTH, 6);
        next = TopK.select(logits, k, hidden);
        featurizer = new BaseModelFeaturizer(new EmbeddingsOnly(), 64, 0);
        featurizer.candidateFeatures(new ResponsePrefix("q", new int[0], hidden), next.tokenIds()); // fill its cache
        theta = RewardNetwork.initialize(65, 32, 0);
        uncertainty = UncertaintyModel.initial(33, 1.0, 32);
        inputs = new float[k][65];
        for (int i = 0; i < k; i++) inputs[i] = Weights.vector(65, 10 + i);
        gradients = new double[k][33];
    }

    @Benchmark
    public NextTokens topK() {
        return TopK.select(logits, k, hidden);
    }

    @Benchmark
    public float[][] featurize() {
        return featurizer.candidateFeatures(new ResponsePrefix("q", new int[0], hidden), next.tokenIds());
    }

    @Benchmark
    public double reward() {
        double s = 0;
        for (int i = 0; i < k; i++) s += theta.forward(inputs[i], gradients[i]);
        return s;
    }

    @Benchmark
    public double ucbNorms() {
        double s = 0;
        for (int i = 0; i < k; i++) s += uncertainty.norm(gradients[i]);
        return s;
    }

    /** Token embeddings without a model: all the featurizer asks of a backend. */
    private static final class EmbeddingsOnly implements DecodingBackend {
        @Override public String modelId() { return "jmh"; }
        @Override public int vocabularySize() { return VOCABULARY; }
        @Override public Set<Integer> endOfSequenceIds() { return Set.of(0); }
        @Override public DecodingBatch start(List<ChatMessage> m, int size, int topK, int maxNewTokens) { throw new UnsupportedOperationException(); }
        @Override public String decode(int[] tokenIds) { return ""; }
        @Override public float[] tokenEmbedding(int tokenId) { return Weights.vector(WIDTH, tokenId); }
        @Override public boolean providesHiddenStates() { return true; }
    }
}
