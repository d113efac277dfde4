package dev.tpop.llm;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find the default model. A missing model fails the test: the engine must be checked. */
final class TestModels {
    private TestModels() {}

    static Path defaultModel() {
        String cache = System.getProperty("tpop.model.cache", System.getProperty("user.home") + "/.cache/tpop/models");
        Path p = Path.of(cache, "SmolLM2-135M-Instruct.Q4_1.gguf");
        if (!Files.isRegularFile(p)) fail("default model not found at " + p + ": run scripts/setup.sh first");
        return p;
    }
}
