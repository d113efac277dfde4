package dev.tpop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /v1/completions as a top-k source: logprobs, token-id prompts, streaming, and the clamp of -inf. */
class CompletionsTest {
    @TempDir
    static Path dir;
    static TpopServer server;
    static Http admin;

    @BeforeAll
    static void start() {
        server = TestServers.start(dir);
        admin = new Http(server.port(), TestServers.ADMIN_KEY);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void logprobsGiveTheTopKPerGeneratedTokenAndTokenIdPromptsWork() {
        int[] ids = TestServers.backend().tokenizer().encode("The capital of France is");
        StringBuilder prompt = new StringBuilder();
        for (int id : ids) prompt.append(prompt.isEmpty() ? "" : ",").append(id);
        Http.Response r = admin.post("/v1/completions", "{\"model\":\"tpop\",\"prompt\":[" + prompt
                + "],\"max_tokens\":4,\"logprobs\":5,\"return_tokens_as_token_ids\":true}");
        assertEquals(200, r.status(), r.body());
        JsonNode choice = r.json().get("choices").get(0);
        JsonNode lp = choice.get("logprobs");
        int n = lp.get("tokens").size();
        assertTrue(n >= 1 && n <= 4);
        for (int i = 0; i < n; i++) {
            JsonNode top = lp.get("top_logprobs").get(i);
            assertEquals(5, top.size(), "five candidates per position");
            double previous = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = top.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                assertTrue(e.getKey().startsWith("token_id:"));
                assertTrue(e.getValue().isNumber() && e.getValue().asDouble() <= previous, "finite, sorted log-probabilities");
                previous = e.getValue().asDouble();
            }
            assertEquals(top.fields().next().getKey(), lp.get("tokens").get(i).asText(), "greedy: the chosen token is the top one");
        }
        Http.Response byText = admin.post("/v1/completions", "{\"model\":\"tpop\",\"prompt\":\"The capital of France is\",\"max_tokens\":4}");
        assertEquals(choice.get("text").asText(), byText.json().get("choices").get(0).get("text").asText(),
                "a string prompt and its token ids give the same completion (the model adds no BOS)");
    }

    @Test
    void streamedCompletionJoinsToTheSameText() throws IOException {
        String body = "{\"model\":\"tpop\",\"prompt\":\"Once upon a time\",\"max_tokens\":8";
        String text = admin.post("/v1/completions", body + "}").json().get("choices").get(0).get("text").asText();
        Http.Response sse = admin.post("/v1/completions", body + ",\"stream\":true}");
        assertEquals(200, sse.status());
        StringBuilder joined = new StringBuilder();
        boolean done = false;
        for (String line : sse.body().split("\n")) {
            if (!line.startsWith("data: ")) continue;
            String data = line.substring(6);
            if (data.equals("[DONE]")) {
                done = true;
                continue;
            }
            joined.append(Json.MAPPER.readTree(data).get("choices").get(0).get("text").asText());
        }
        assertTrue(done, "the stream ends with [DONE]");
        assertEquals(text, joined.toString());
        assertFalse(joined.toString().contains("\uFFFD"));
    }

    @Test
    void nonFiniteLogProbabilitiesStayValidJson() {
        assertEquals(LogProbs.FLOOR, LogProbs.clamp(Double.NEGATIVE_INFINITY));
        assertEquals(LogProbs.FLOOR, LogProbs.clamp(Double.NaN));
        assertEquals(LogProbs.FLOOR, LogProbs.clamp(-1e6));
        assertEquals(-0.5, LogProbs.clamp(-0.5));
        assertEquals(0.0, LogProbs.clamp(1e-9), "rounding above 0 is clamped to 0");
    }
}
