package dev.tpop.core.reward;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * phi(x, y) = a sentence embedding (all-MiniLM-L6-v2, 384 dimensions) of the query and the response
 * text so far.
 *
 * <p>Why a text encoder: attributes such as "concise" or "uplifting" are properties of the whole text,
 * which a sentence encoder sees directly and which are the same whatever base model produced the
 * tokens; so the reward is {@link Aggregation#LAST_PREFIX} and transfers across backends. The model
 * runs in-process through ONNX Runtime from a jar on the classpath, so nothing is downloaded at run
 * time.
 *
 * <p>Why a detokenizer instead of a backend: the featurizer only needs token ids turned into text, and
 * taking a plain function keeps it independent of how (or where) the base model runs.
 *
 * <p>Why normalized: unit-norm features keep the reward network's input scale fixed whatever the text
 * length, so one learning rate and one lambda suit every prompt. The library already normalizes; this
 * class re-normalizes defensively so the contract does not depend on a library detail.
 */
public final class TextEncoderFeaturizer implements Featurizer {
    /** Output size of all-MiniLM-L6-v2. */
    public static final int DIMENSION = 384;

    private final Function<int[], String> detokenizer;
    private final EmbeddingModel model;

    /** Uses the shared in-process all-MiniLM-L6-v2 (loaded once per JVM, on first use). */
    public TextEncoderFeaturizer(Function<int[], String> detokenizer) {
        this(detokenizer, SharedModel.INSTANCE);
    }

    /** For a caller that manages its own encoder instance (it must produce {@link #DIMENSION} values). */
    public TextEncoderFeaturizer(Function<int[], String> detokenizer, EmbeddingModel model) {
        this.detokenizer = Objects.requireNonNull(detokenizer, "detokenizer");
        this.model = Objects.requireNonNull(model, "model");
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public Aggregation aggregation() {
        return Aggregation.LAST_PREFIX;
    }

    /** The text that is embedded for a query and a response: the two joined by a blank line. */
    public static String joinedText(String query, String response) {
        return (query == null ? "" : query) + "\n\n" + response;
    }

    @Override
    public float[][] candidateFeatures(ResponsePrefix prefix, int[] candidateTokenIds) {
        List<String> texts = new ArrayList<>(candidateTokenIds.length);
        for (int v : candidateTokenIds) {
            texts.add(joinedText(prefix.query(), detokenizer.apply(prefix.extendedBy(v))));
        }
        return embedAll(texts);
    }

    /** Embeds texts in one batched call; one unit-norm row per text, in order. */
    public float[][] embedAll(List<String> texts) {
        float[][] out = new float[texts.size()][];
        if (texts.isEmpty()) return out;
        List<TextSegment> segments = new ArrayList<>(texts.size());
        // An empty segment is rejected by langchain4j; a single space embeds "no text".
        for (String t : texts) segments.add(TextSegment.from(t.isEmpty() ? " " : t));
        List<Embedding> embeddings = model.embedAll(segments).content();
        if (embeddings.size() != texts.size()) {
            throw new IllegalStateException("encoder returned " + embeddings.size() + " embeddings for " + texts.size() + " texts");
        }
        for (int i = 0; i < out.length; i++) out[i] = normalized(embeddings.get(i).vector());
        return out;
    }

    /** Embedding of a whole query and response, e.g. to featurize a finished answer. */
    public float[] embed(String query, String response) {
        return embedAll(List.of(joinedText(query, response)))[0];
    }

    private static float[] normalized(float[] v) {
        if (v.length != DIMENSION) {
            throw new IllegalStateException("encoder returned dimension " + v.length + ", expected " + DIMENSION);
        }
        double sq = 0;
        for (float f : v) sq += (double) f * f;
        double norm = Math.sqrt(sq);
        float[] out = new float[v.length];
        if (norm == 0) return out;
        for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / norm);
        return out;
    }

    @Override
    public String name() {
        return "minilm-l6-v2";
    }

    /** Holder idiom: the 90 MB ONNX model is loaded only when first needed, and only once. */
    private static final class SharedModel {
        static final EmbeddingModel INSTANCE = new AllMiniLmL6V2EmbeddingModel();
    }
}
