package dev.tpop.eval.prompts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Prompts from a Hugging Face dataset through the public datasets-server rows API, so the prompt sets
 * of the papers can be used by dataset id without a local copy. Spec:
 * {@code hf:OWNER/DATASET[:split[:field]]}; split defaults to "train", the field to the first of
 * {@link PromptSet#PROMPT_FIELDS} present (or the first text column). The config is looked up with
 * the /splits endpoint (the one holding the split; "default" if the lookup fails). At most
 * {@link #MAX_ROWS} rows are read, 100 per request (the API's page limit).
 */
public final class HuggingFacePrompts {
    public static final String BASE = "https://datasets-server.huggingface.co";
    public static final int MAX_ROWS = 20_000;
    private static final int PAGE = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A parsed {@code hf:} spec. {@code field} is null for "detect". */
    public record Spec(String dataset, String split, String field) {
        public static Spec parse(String spec) {
            if (!spec.startsWith("hf:")) throw new IllegalArgumentException("not an hf: spec: " + spec);
            String[] parts = spec.substring(3).split(":", -1);
            if (parts.length > 3 || parts[0].isBlank() || !parts[0].contains("/")) {
                throw new IllegalArgumentException("expected hf:OWNER/DATASET[:split[:field]], got " + spec);
            }
            String split = parts.length > 1 && !parts[1].isBlank() ? parts[1] : "train";
            String field = parts.length > 2 && !parts[2].isBlank() ? parts[2] : null;
            return new Spec(parts[0], split, field);
        }
    }

    private HuggingFacePrompts() {}

    public static PromptSet load(String spec) throws IOException {
        Spec s = Spec.parse(spec);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).followRedirects(HttpClient.Redirect.NORMAL).build();
        String config = config(http, s);
        List<String> prompts = new ArrayList<>();
        String field = s.field();
        long total = Long.MAX_VALUE;
        for (int offset = 0; offset < Math.min(total, MAX_ROWS); offset += PAGE) {
            JsonNode page = get(http, BASE + "/rows?dataset=" + enc(s.dataset()) + "&config=" + enc(config)
                    + "&split=" + enc(s.split()) + "&offset=" + offset + "&length=" + PAGE);
            total = page.path("num_rows_total").asLong(0);
            JsonNode rows = page.path("rows");
            if (!rows.isArray() || rows.isEmpty()) break;
            for (JsonNode r : rows) {
                JsonNode row = r.path("row");
                if (field == null) field = detectField(row, spec);
                JsonNode v = row.get(field);
                if (v == null || !v.isTextual()) throw new IOException(spec + ": row " + r.path("row_idx").asLong() + " has no text field '" + field + "'");
                prompts.add(v.asText());
            }
        }
        return PromptSet.of(spec, prompts);
    }

    private static String config(HttpClient http, Spec s) throws IOException {
        JsonNode splits = get(http, BASE + "/splits?dataset=" + enc(s.dataset())).path("splits");
        for (JsonNode sp : splits) {
            if (s.split().equals(sp.path("split").asText())) return sp.path("config").asText("default");
        }
        return "default";
    }

    private static String detectField(JsonNode row, String spec) throws IOException {
        for (String f : PromptSet.PROMPT_FIELDS) if (row.path(f).isTextual()) return f;
        for (Iterator<String> it = row.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (row.get(f).isTextual()) return f;
        }
        throw new IOException(spec + ": no text column; name one as hf:OWNER/DATASET:split:field");
    }

    private static JsonNode get(HttpClient http, String url) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build();
        HttpResponse<String> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading " + url, e);
        } catch (IOException e) {
            throw new IOException("cannot reach " + BASE + " (offline, or behind a proxy?): " + e
                    + "; use a local prompt file or 'default' instead", e);
        }
        if (resp.statusCode() != 200) {
            String body = resp.body();
            throw new IOException("Hugging Face datasets-server answered " + resp.statusCode() + " for " + url + ": "
                    + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
        }
        return JSON.readTree(resp.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
