package dev.tpop.eval.judge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** @param baseUrl e.g. {@code https://api.openai.com/v1}; {@code /chat/completions} is appended */
    public OpenAiJudge(String baseUrl, String apiKey, String model) {
        if (baseUrl == null || baseUrl.isBlank()) throw new IllegalArgumentException("the judge URL is missing");
        this.endpoint = URI.create(baseUrl.replaceAll("/+$", "") + "/chat/completions");
        this.apiKey = apiKey;
        this.model = model;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
    }

    @Override
    public String name() {
        return "remote LLM (" + model + " at " + endpoint.getHost() + "), position-swapped";
    }

    @Override
    protected Verdict askOnce(String attribute, String query, String a, String b) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        body.put("temperature", 0);
        body.put("max_tokens", 2);
        ObjectNode message = body.putArray("messages").addObject();
        message.put("role", "user");
        message.put("content", prompt(attribute, query, a, b));
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (apiKey != null && !apiKey.isBlank()) request.header("Authorization", "Bearer " + apiKey);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("judge " + endpoint + " answered HTTP " + response.statusCode() + ": "
                        + response.body().substring(0, Math.min(300, response.body().length())));
            }
            JsonNode content = JSON.readTree(response.body()).path("choices").path(0).path("message").path("content");
            return parse(content.asText(""));
        } catch (IOException e) {
            throw new IllegalStateException("judge " + endpoint + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the judge", e);
        }
    }

    static Verdict parse(String answer) {
        String s = answer.strip().toUpperCase(Locale.ROOT);
        if (s.startsWith("A")) return Verdict.FIRST;
        if (s.startsWith("B")) return Verdict.SECOND;
        return Verdict.TIE;
    }
}
