package dev.tpop.core;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tpop.core.backend.LocalBackend;
import dev.tpop.llm.ModelLocator;

/** The default model for tests, loaded once per JVM. Missing model = failing tests, never skipped ones. */
public final class RealModel {
    private static LocalBackend backend;

    private RealModel() {}

    public static synchronized LocalBackend backend() {
        if (backend == null) backend = load();
        return backend;
    }

    /** Loads the default model from the cache ($TPOP_MODEL_CACHE, else the tpop.model.cache property Surefire sets). */
    public static LocalBackend load() {
        try {
            return LocalBackend.load(ModelLocator.resolve("default"));
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
    }

    public static TpopConfig config(int maxNewTokens) {
        return TpopConfig.defaults().with("maxNewTokens", maxNewTokens);
    }
}
