package dev.tpop.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model aliases resolve into the cache, and a missing model names the script that fetches it. */
class ModelLocatorTest {
    @TempDir Path dir;

    @Test
    void qwenAliasResolvesIntoTheCacheOrNamesItsFetchScript() throws Exception {
        String env = System.getenv("TPOP_MODEL_CACHE");
        String old = System.getProperty("tpop.model.cache");
        System.setProperty("tpop.model.cache", dir.toString());
        try {
            Path cache = ModelLocator.cacheDirectory();
            Path expected = cache.resolve(ModelLocator.QWEN_FILE);
            if (env == null || env.isBlank()) {
                var e = assertThrows(IllegalArgumentException.class, () -> ModelLocator.resolve("qwen2.5-coder-0.5b"));
                assertTrue(e.getMessage().contains("scripts/fetch-second-model.sh"), e.getMessage());
                Files.writeString(expected, "GGUF");
            }
            if (Files.isRegularFile(expected)) assertEquals(expected, ModelLocator.resolve("qwen2.5-coder-0.5b"));
        } finally {
            if (old == null) System.clearProperty("tpop.model.cache"); else System.setProperty("tpop.model.cache", old);
        }
    }
}
