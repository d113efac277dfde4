package dev.tpop.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TpopConfigTest {
    @Test
    void defaultsAreThePapers() {
        TpopConfig c = TpopConfig.defaults();
        assertEquals(1.0, c.omega());
        assertEquals(0.5, c.nu());
        assertEquals(20, c.topK());
        assertEquals(128, c.maxNewTokens());
        assertEquals(1.0, c.lambda());
        assertEquals(TpopConfig.ScoreMode.PROBABILITY, c.scoreMode());
    }

    @Test
    void fileOverridesDefaultsAndRejectsUnknownKeys(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("c.json");
        Files.writeString(f, "{\"omega\": 2.5, \"topK\": 7, \"scoreMode\": \"LOG_PROBABILITY\"}");
        TpopConfig c = TpopConfig.load(f);
        assertEquals(2.5, c.omega());
        assertEquals(7, c.topK());
        assertEquals(TpopConfig.ScoreMode.LOG_PROBABILITY, c.scoreMode());
        assertEquals(0.5, c.nu());
        Files.writeString(f, "{\"omegaa\": 2.5}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TpopConfig.load(f));
        assertTrue(e.getMessage().contains("omegaa"), e.getMessage());
    }

    @Test
    void invalidValuesAreRefusedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TpopConfig.defaults().withOverrides(Map.of("maxNewTokens", 0)));
        assertTrue(e.getMessage().contains("maxNewTokens"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TpopConfig.defaults().with("topK", 0));
        assertTrue(e.getMessage().contains("topK"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TpopConfig.defaults().with("lambda", -1.0));
        assertTrue(e.getMessage().contains("lambda"), e.getMessage());
    }
}
