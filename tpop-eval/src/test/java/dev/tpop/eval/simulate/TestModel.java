package dev.tpop.eval.simulate;

import static org.junit.jupiter.api.Assertions.fail;

import dev.tpop.core.backend.LocalBackend;
import dev.tpop.llm.ModelLocator;

/** The default model for eval tests, loaded once per JVM. A missing model fails the tests, never skips them. */
public final class TestModel {
    private static LocalBackend backend;

    private TestModel() {}

    public static synchronized LocalBackend backend() {
        if (backend == null) {
            try {
                backend = LocalBackend.load(ModelLocator.resolve("default"));
            } catch (IllegalArgumentException e) {
                fail(e.getMessage());
            }
        }
        return backend;
    }
}
