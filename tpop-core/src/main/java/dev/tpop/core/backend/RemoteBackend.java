package dev.tpop.core.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tpop.llm.chat.ChatMessage;
import dev.tpop.llm.chat.ChatTemplate;
import dev.tpop.llm.chat.PromptEncoder;
import dev.tpop.llm.gguf.GgufFile;
import dev.tpop.llm.tokenizer.Tokenizer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Next-token distributions from any OpenAI-compatible {@code /v1/completions} endpoint that returns
 * top-k log-probabilities (vLLM, a llama.cpp server, or {@code tpop serve} itself), so tpop can
 * personalize a model it does not run.
 *
 * <p>How: the chat prompt is rendered and tokenized here, with the model's own template and
 * tokenizer (read from a GGUF file of the same model; its weights are never used), and every step
 * sends the whole sequence as a list of token ids with {@code max_tokens: 1},
 * {@code logprobs: k} and {@code return_tokens_as_token_ids: true} (vLLM's name for it), so that
 * candidates come back as ids, never as ambiguous strings. The sequences of a batch are requested
 * concurrently. The server sees no KV-cache reuse across calls beyond its own prefix caching: this
 * trades speed for working with any server.
 *
 * <p>An HTTP server exposes no hidden states, so only featurizers that need none work: the text
 * encoder ("minilm"). {@link #providesHiddenStates()} says so, and the base-model featurizer refuses.
 */
public final class RemoteBackend implements DecodingBackend {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID_PREFIX = "token_id:";

    private final URI completions;
    private final String model;
    private final String apiKey;
    private final Tokenizer tokenizer;
    private final ChatTemplate template;
    private final AutoCloseable resources;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param baseUrl   the API root, e.g. {@code http://host:8000/v1}
     * @param model     the model name the server expects
     * @param apiKey    bearer token, or null
     * @param tokenizer the served model's tokenizer (token ids must mean the same on both sides)
     * @param template  the served model's chat template
     * @param resources closed with this backend (e.g. the GGUF file the tokenizer came from), or null
     */
    public RemoteBackend(URI baseUrl, String model, String apiKey, Tokenizer tokenizer, ChatTemplate template, AutoCloseable resources) {
        this.completions = OpenAiEndpoints.resolve(baseUrl, "completions");
        this.model = model;
        this.apiKey = apiKey;
        this.tokenizer = tokenizer;
        this.template = template;
        this.resources = resources;
    }

    /** A remote model whose tokenizer and chat template are read from {@code gguf} (a local copy of the same model). */
    public static RemoteBackend forGguf(URI baseUrl, String model, String apiKey, Path gguf) {
        GgufFile file = GgufFile.open(gguf);
        Tokenizer t = Tokenizer.fromGguf(file);
        return new RemoteBackend(baseUrl, model, apiKey, t, ChatTemplate.fromGguf(file, t), file);
    }

    @Override
    public String modelId() { return model; }

    @Override
    public int vocabularySize() { return tokenizer.vocabularySize(); }

    @Override
    public Set<Integer> endOfSequenceIds() { return tokenizer.endOfSequenceIds(); }

    @Override
    public String decode(int[] tokenIds) { return tokenizer.decode(tokenIds); }

    /** Prompt token ids exactly as {@link LocalBackend} builds them for the same model. */
    public int[] promptTokens(List<ChatMessage> messages) {
        return new PromptEncoder(tokenizer, template).encode(messages);
    }

    @Override
    public DecodingBatch start(List<ChatMessage> messages, int size, int topK, int maxNewTokens) {
        return new Batch(promptTokens(messages), size, Math.min(topK, vocabularySize()));
    }

    /** The server's top-k for the sequence {@code ids} (one completion request). */
    public NextTokens topK(int[] ids, int k) {
        return join(request(ids, k));
    }

    private CompletableFuture<NextTokens> request(int[] ids, int k) {
        ObjectNode body = JSON.createObjectNode().put("model", model).put("max_tokens", 1).put("temperature", 0)
                .put("logprobs", k).put("return_tokens_as_token_ids", true);
        Arrays.stream(ids).forEach(body.putArray("prompt")::add);
        HttpRequest.Builder req = HttpRequest.newBuilder(completions).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (apiKey != null) req.header("Authorization", "Bearer " + apiKey);
        return http.sendAsync(req.build(), HttpResponse.BodyHandlers.ofString()).thenApply(r -> parse(r.statusCode(), r.body(), k));
    }

    private NextTokens parse(int status, String body, int k) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(completions + " answered " + status + " with a body that is not JSON");
        }
        if (status != 200) {
            throw new IllegalStateException(completions + " answered " + status + ": " + json.path("error").path("message").asText(body));
        }
        JsonNode top = json.path("choices").path(0).path("logprobs").path("top_logprobs").path(0);
        if (!top.isObject() || top.isEmpty()) {
            throw new IllegalStateException(completions + " returned no top_logprobs: the server must support 'logprobs' on /v1/completions");
        }
        List<int[]> ids = new ArrayList<>();
        List<Float> lps = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = top.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().startsWith(ID_PREFIX)) {
                throw new IllegalStateException(completions + " named a token '" + e.getKey() + "' instead of '" + ID_PREFIX
                        + "ID': the server must support return_tokens_as_token_ids");
            }
            int id = Integer.parseInt(e.getKey().substring(ID_PREFIX.length()));
            if (id < 0 || id >= vocabularySize()) throw new IllegalStateException("token id " + id + " is outside this tokenizer's vocabulary: wrong model?");
            ids.add(new int[] {id});
            lps.add(e.getValue().isNumber() ? e.getValue().floatValue() : Float.NEGATIVE_INFINITY);
        }
        Integer[] order = new Integer[ids.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        // best first; ties keep the lower id first, as TopK does locally
        Arrays.sort(order, (a, b) -> lps.get(a).equals(lps.get(b)) ? Integer.compare(ids.get(a)[0], ids.get(b)[0]) : Float.compare(lps.get(b), lps.get(a)));
        int n = Math.min(k, order.length);
        int[] tokenIds = new int[n];
        float[] logProbs = new float[n];
        for (int i = 0; i < n; i++) {
            tokenIds[i] = ids.get(order[i])[0];
            logProbs[i] = lps.get(order[i]);
        }
        return new NextTokens(tokenIds, logProbs, null);
    }

    private NextTokens join(CompletableFuture<NextTokens> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException("cannot reach the inference server at " + completions + ": " + OpenAiEndpoints.connectionProblem(e.getCause())
                    + " (is it running, and is the URL its OpenAI base, e.g. http://host:8000/v1?)", e.getCause());
        }
    }

    @Override
    public void close() {
        http.close();
        if (resources != null) {
            try {
                resources.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Sequences as token-id lists; the next top-k of every live sequence is requested as soon as it is known. */
    private final class Batch implements DecodingBatch {
        private int[][] seqs;
        private List<CompletableFuture<NextTokens>> pending;
        private final int topK;

        Batch(int[] prompt, int size, int topK) {
            this.topK = topK;
            this.seqs = new int[size][];
            CompletableFuture<NextTokens> first = request(prompt, topK);
            this.pending = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                seqs[i] = prompt;
                pending.add(first);
            }
        }

        @Override
        public int size() { return seqs.length; }

        @Override
        public NextTokens next(int index) {
            return join(pending.get(index));
        }

        @Override
        public void advance(int[] tokens) {
            for (int i = 0; i < tokens.length; i++) {
                if (tokens[i] < 0) continue;
                int[] s = Arrays.copyOf(seqs[i], seqs[i].length + 1);
                s[s.length - 1] = tokens[i];
                seqs[i] = s;
                pending.set(i, request(s, topK));
            }
        }

        @Override
        public void reorder(int[] sourceIndices) {
            int[][] s = new int[sourceIndices.length][];
            List<CompletableFuture<NextTokens>> p = new ArrayList<>();
            for (int i = 0; i < sourceIndices.length; i++) {
                s[i] = seqs[sourceIndices[i]];
                p.add(pending.get(sourceIndices[i]));
            }
            seqs = s;
            pending = p;
        }

        @Override
        public void close() {
            pending.forEach(f -> f.cancel(true));
        }
    }
}
