package dev.tpop.eval.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tpop.core.backend.OpenAiEndpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * A remote judge behind an OpenAI-compatible {@code /chat/completions} endpoint (the T-POP paper
 * judged with GPT-4o). Temperature 0, a one-letter answer; an answer that is neither A nor B counts
 * as no preference. Position-swapped like the local judge.
 */
public final class OpenAiJudge extends PositionSwappedJudge {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI endpoint;
    private final String apiKey;
    private final String model;
    private final HttpClient http;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(120);

    /** @param baseUrl e.g. {@code https://api.openai.com/v1}; {@code /chat/completions} is appended */
    public OpenAiJudge(URI baseUrl, String apiKey, String model) {
        this.endpoint = OpenAiEndpoints.resolve(OpenAiEndpoints.baseUrl("the judge URL", baseUrl == null ? null : baseUrl.toString(),
                "https://api.openai.com/v1"), "chat/completions");
        this.apiKey = apiKey;
        this.model = model;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
    }

    /** Short id for cell file names; names model and host so a folder never passes one judge's verdicts off as another's. */
    public String id() {
        return "remote-" + model + "-" + endpoint.getHost();
    }

    @Override
    public String name() {
        return "remote LLM (" + model + " at " + endpoint.getHost() + "), position-swapped";
    }

    /**
     * One tiny question now, so a wrong URL, key or model name fails in seconds rather than after the
     * hours of decoding that precede the first real judgement.
     */
    public void probe() {
        ask("concise", "Say hello.", "Hello.", "Hello there, it is a pleasure to greet you today.", PROBE_TIMEOUT);
    }

    @Override
    protected Verdict askOnce(String attribute, String query, String a, String b) {
        return ask(attribute, query, a, b, ANSWER_TIMEOUT);
    }

    private Verdict ask(String attribute, String query, String a, String b, Duration timeout) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        body.put("temperature", 0);
        body.put("max_tokens", 2);
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", prompt(attribute, query, a, b));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (apiKey != null && !apiKey.isBlank()) request.header("Authorization", "Bearer " + apiKey);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the judge at " + endpoint + ": " + OpenAiEndpoints.connectionProblem(e)
                    + " (is the URL its OpenAI base, e.g. https://api.openai.com/v1?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the judge", e);
        }
        int status = response.statusCode();
        String firstLine = response.body().strip().lines().findFirst().orElse("");
        firstLine = firstLine.substring(0, Math.min(200, firstLine.length()));
        if (status / 100 != 2) {
            String hint = status == 401 || status == 403 ? " (the API key is missing or wrong)"
                    : status == 404 ? " (wrong URL or model name? the URL is the OpenAI base, e.g. https://api.openai.com/v1)" : "";
            throw new IllegalStateException("judge " + endpoint + " answered HTTP " + status + hint + (firstLine.isEmpty() ? "" : ": " + firstLine));
        }
        JsonNode content;
        try {
            content = JSON.readTree(response.body()).path("choices").path(0).path("message").path("content");
        } catch (IOException e) {
            throw new IllegalStateException("judge " + endpoint + " answered HTTP " + status + " with a body that is not JSON: " + firstLine, e);
        }
        if (!content.isTextual()) {
            // no message at all is a server that does not judge (an error object, another API), not a tie
            throw new IllegalStateException("judge " + endpoint + " answered HTTP " + status + " without choices[0].message.content"
                    + " (not an OpenAI-compatible chat endpoint, or model " + model + " unknown there?)"
                    + (firstLine.isEmpty() ? "" : ": " + firstLine));
        }
        return parse(content.asText());
    }

    static Verdict parse(String answer) {
        String s = answer.strip().toUpperCase(Locale.ROOT);
        if (s.startsWith("A")) return Verdict.FIRST;
        if (s.startsWith("B")) return Verdict.SECOND;
        return Verdict.TIE;
    }
}
