package dev.tpop.bench;

import dev.tpop.llm.ModelLocator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tpop.eval.prompts.PromptSet;
import dev.tpop.eval.report.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tpop bench --quick} on the real default model and llama.cpp: proves every section is
 * measured and written. No timing is asserted: on a shared 2-core machine any threshold would be a
 * coin toss, and the quick sizes are too small to mean anything.
 */
class QuickBenchTest {
    @Test
    void quickBenchWritesEverySectionAndThePlot(@TempDir Path out) throws Exception {
        Path model = Path.of(ModelLocator.cacheDirectory().toString(),
                "SmolLM2-135M-Instruct.Q4_1.gguf");
        assertTrue(Files.isRegularFile(model), "default model not found at " + model + ": run scripts/setup.sh first");
        BenchSettings settings = BenchSettings.quick(model, PromptSet.defaultSet().prompts(), out);
        Bench bench = new Bench(settings, true);
        List<String> lines = new ArrayList<>();
        BenchReport report;
        try (Progress p = Progress.start("bench", bench.steps(), lines::add, Duration.ofSeconds(5))) {
            report = bench.run(p);
        }
        System.out.println(BenchTable.render(report));

        JsonNode json = new ObjectMapper().readTree(out.resolve("bench.json").toFile());
        for (String section : List.of("environment", "rates", "ratios", "breakdown", "refits", "states", "feedback", "scaling", "targets")) {
            assertTrue(json.has(section) && !json.get(section).isEmpty(), "bench.json lacks section " + section);
        }
        assertEquals(6, json.get("rates").size(), "llama.cpp, greedy x2, pair x2 and exploit-only");
        for (JsonNode rate : json.get("rates")) positive(rate.get("tokensPerSecond"), rate.get("name").asText());
        json.get("ratios").properties().forEach(e -> positive(e.getValue(), e.getKey()));
        for (JsonNode b : json.get("breakdown")) {
            for (Map.Entry<String, JsonNode> phase : b.get("msPerToken").properties()) {
                assertTrue(phase.getValue().isNumber() && Double.isFinite(phase.getValue().asDouble()) && phase.getValue().asDouble() >= 0,
                        b.get("run").asText() + " " + phase.getKey());
            }
            positive(b.get("msPerToken").get("total"), b.get("run").asText() + " total");
            positive(b.get("msPerToken").get("forward"), b.get("run").asText() + " forward");
        }
        for (JsonNode r : json.get("refits")) positive(r.get("medianMs"), "refit " + r.get("pairs"));
        for (JsonNode s : json.get("states")) positive(s.get("bytes"), "state " + s.get("rounds"));
        positive(json.get("feedback").get("p50Ms"), "feedback p50");
        assertTrue(json.get("feedback").get("duringRefit").asInt() > 0, "no feedback overlapped a refit");
        for (JsonNode p : json.get("scaling").get("overK")) positive(p.get("msPerToken"), "k " + p.get("k"));
        for (JsonNode p : json.get("scaling").get("overM")) positive(p.get("msPerPair"), "M " + p.get("m"));
        assertEquals(settings.ks().size(), json.get("scaling").get("overK").size());
        assertEquals(settings.ms().size(), json.get("scaling").get("overM").size());
        assertFalse(json.get("targets").isEmpty());

        Path png = out.resolve("bench.png");
        assertTrue(Files.isRegularFile(png) && Files.size(png) > 1000, "bench.png missing or empty");
        byte[] head = Arrays8.head(png);
        assertEquals((byte) 0x89, head[0], "not a PNG");
        assertEquals('P', head[1]);
    }

    private static void positive(JsonNode n, String what) {
        assertTrue(n != null && n.isNumber(), what + " is not a number: " + n);
        double v = n.asDouble();
        assertTrue(Double.isFinite(v) && v > 0, what + " is not a positive finite number: " + v);
    }

    private static final class Arrays8 {
        static byte[] head(Path p) throws java.io.IOException {
            try (var in = Files.newInputStream(p)) {
                return in.readNBytes(8);
            }
        }
    }
}
