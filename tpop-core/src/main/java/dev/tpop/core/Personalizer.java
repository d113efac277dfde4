package dev.tpop.core;

import dev.tpop.core.backend.DecodingBackend;
import dev.tpop.core.backend.LocalBackend;
import dev.tpop.core.duel.DuelingDecoder;
import dev.tpop.core.reward.BaseModelFeaturizer;
import dev.tpop.core.reward.Featurizer;
import dev.tpop.core.reward.TextEncoderFeaturizer;
import dev.tpop.llm.ModelLocator;

/**
 * The one place that wires a backend, a featurizer and a config into a dueling decoder, so the CLI,
 * the service and the evaluation build the same thing from the same names.
 */
public record Personalizer(DecodingBackend backend, Featurizer featurizer, TpopConfig config) implements AutoCloseable {

    /** The local engine on a model named as {@link ModelLocator} understands it. */
    public static Personalizer local(String modelSpec, TpopConfig config) {
        return withBackend(LocalBackend.load(ModelLocator.resolve(modelSpec)), config);
    }

    public static Personalizer withBackend(DecodingBackend backend, TpopConfig config) {
        return new Personalizer(backend, featurizer(backend, config), config);
    }

    public static Featurizer featurizer(DecodingBackend backend, TpopConfig config) {
        return switch (config.featurizer()) {
            case "base" -> new BaseModelFeaturizer(backend, config.featureDimension(), config.seed());
            case "minilm" -> new TextEncoderFeaturizer(backend::decode);
            default -> throw new IllegalArgumentException("unknown featurizer '" + config.featurizer() + "': use 'base' or 'minilm'");
        };
    }

    public DuelingDecoder decoder() {
        return new DuelingDecoder(backend, featurizer, config);
    }

    /** The same backend and featurizer with another config (e.g. omega = 0 for the base model). */
    public DuelingDecoder decoder(TpopConfig other) {
        return new DuelingDecoder(backend, featurizer, other);
    }

    @Override
    public void close() {
        try {
            backend.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
