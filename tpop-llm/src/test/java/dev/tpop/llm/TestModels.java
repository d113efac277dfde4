package dev.tpop.llm;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find the models. A missing model fails the test: the engine must be checked. */
final class TestModels {
    private TestModels() {}

    static Path defaultModel() {
        Path p = Path.of(cache(), "SmolLM2-135M-Instruct.Q4_1.gguf");
        if (!Files.isRegularFile(p)) fail("default model not found at " + p + ": run scripts/setup.sh first");
        return p;
    }

    /** The second model, Qwen2.5-Coder-0.5B-Instruct (qwen2; Q5_0, Q8_0, Q4_K, Q6_K tensors). */
    static Path qwenModel() {
        Path p = Path.of(cache(), ModelLocator.QWEN_FILE);
        if (!Files.isRegularFile(p)) fail("second model not found at " + p + ": run scripts/fetch-second-model.sh first");
        return p;
    }

    private static String cache() {
        return ModelLocator.cacheDirectory().toString();
    }
}
