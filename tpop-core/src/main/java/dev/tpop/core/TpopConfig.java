package dev.tpop.core;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every knob of T-POP, with the paper's defaults. Immutable: a session decodes with the config it was
 * made with. Load overrides from a JSON file with {@link #withOverrides(Map)} / {@link #load(Path)};
 * CLI flags are applied the same way, so file and flags can never disagree about names.
 *
 * @param omega          weight of the reward against the base model's score (paper: 1.0)
 * @param nu             weight of the exploration bonus of the explore arm (paper: 0.5)
 * @param topK           candidates re-ranked per position, clamped to the vocabulary (paper: 20)
 * @param maxNewTokens   M, the most tokens per answer (paper: 128)
 * @param lambda         L2 weight of the BTL loss and V_0 = lambda I (paper: 1.0)
 * @param scoreMode      whether the base model enters the score as a probability (the paper) or a
 *                       log-probability (an option, never silently)
 * @param featurizer     "base" (the base model's hidden state and token embedding) or "minilm" (text encoder)
 * @param featureDimension size of the projected base-model features
 * @param hiddenUnits    width of the reward MLP's hidden layer; the UCB tracks its last layer (hiddenUnits + 1)
 * @param refitEpochs    full-batch Adam steps per refit, warm-started from the current theta
 * @param learningRate   Adam step size of the refit
 * @param refactorEvery  rank-1 updates of V^-1 between exact re-factorizations of V
 * @param seed           seeds the reward's initialization and the feature projection
 */
public record TpopConfig(
        double omega,
        double nu,
        int topK,
        int maxNewTokens,
        double lambda,
        ScoreMode scoreMode,
        String featurizer,
        int featureDimension,
        int hiddenUnits,
        int refitEpochs,
        double learningRate,
        int refactorEvery,
        long seed) {

    /** How pi_base enters the candidate score S(v). */
    public enum ScoreMode { PROBABILITY, LOG_PROBABILITY }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public TpopConfig {
        require(Double.isFinite(omega) && omega >= 0, "omega must be a finite number >= 0, got " + omega);
        require(Double.isFinite(nu) && nu >= 0, "nu must be a finite number >= 0, got " + nu);
        require(topK >= 1, "topK must be >= 1 (it is clamped to the vocabulary size), got " + topK);
        require(maxNewTokens >= 1, "maxNewTokens must be >= 1, got " + maxNewTokens);
        require(Double.isFinite(lambda) && lambda > 0, "lambda must be > 0 (V_0 = lambda I must be invertible), got " + lambda);
        require(scoreMode != null, "scoreMode must be PROBABILITY or LOG_PROBABILITY");
        require(featurizer != null && !featurizer.isBlank(), "featurizer must be 'base' or 'minilm'");
        require(featureDimension >= 1, "featureDimension must be >= 1, got " + featureDimension);
        require(hiddenUnits >= 1, "hiddenUnits must be >= 1, got " + hiddenUnits);
        require(refitEpochs >= 1, "refitEpochs must be >= 1, got " + refitEpochs);
        require(learningRate > 0 && Double.isFinite(learningRate), "learningRate must be > 0, got " + learningRate);
        require(refactorEvery >= 1, "refactorEvery must be >= 1, got " + refactorEvery);
    }

    public static TpopConfig defaults() {
        return new TpopConfig(1.0, 0.5, 20, 128, 1.0, ScoreMode.PROBABILITY, "base", 64, 32, 60, 0.02, 32, 0L);
    }

    /** This config with the given fields replaced; unknown names are an error that lists the valid ones. */
    public TpopConfig withOverrides(Map<String, ?> overrides) {
        @SuppressWarnings("unchecked")
        Map<String, Object> merged = new LinkedHashMap<>(JSON.convertValue(this, Map.class));
        for (Map.Entry<String, ?> e : overrides.entrySet()) {
            if (!merged.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown config key '" + e.getKey() + "'; valid keys: " + merged.keySet());
            }
            merged.put(e.getKey(), e.getValue());
        }
        try {
            return JSON.convertValue(merged, TpopConfig.class);
        } catch (IllegalArgumentException e) {
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            String why = root instanceof com.fasterxml.jackson.databind.JsonMappingException j ? j.getOriginalMessage() : root.getMessage();
            throw new IllegalArgumentException("invalid config: " + why, e);
        }
    }

    public TpopConfig with(String key, Object value) {
        return withOverrides(Map.of(key, value));
    }

    /** Defaults overridden by a JSON object file such as {@code {"omega": 2.0, "topK": 10}}. */
    public static TpopConfig load(Path file) {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("config file not found: " + file);
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = JSON.readValue(Files.readString(file), Map.class);
            return defaults().withOverrides(map);
        } catch (UnrecognizedPropertyException e) {
            throw new IllegalArgumentException("config file " + file + ": " + e.getOriginalMessage(), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("config file " + file + " is not a JSON object of settings: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config file " + file + ": " + e, e);
        }
    }

    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
