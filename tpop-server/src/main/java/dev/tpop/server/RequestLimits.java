package dev.tpop.server;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The checks every generation request shares, so each route refuses the same things with the same
 * words: an unknown model, max_tokens of 0 or beyond the server's limit, a top-k beyond the
 * vocabulary, an over-long prompt.
 */
final class RequestLimits {
    /** The name every request may use instead of the model's own id. */
    static final String ALIAS = "tpop";

    private final String modelId;
    private final int vocabulary;
    private final int defaultMaxTokens;
    private final int maxTokensLimit;
    private final int maxPromptChars;

    RequestLimits(String modelId, int vocabulary, int defaultMaxTokens, int maxTokensLimit, int maxPromptChars) {
        this.modelId = modelId;
        this.vocabulary = vocabulary;
        this.defaultMaxTokens = Math.min(defaultMaxTokens, maxTokensLimit);
        this.maxTokensLimit = maxTokensLimit;
        this.maxPromptChars = maxPromptChars;
    }

    String modelId() { return modelId; }

    int vocabulary() { return vocabulary; }

    void checkModel(JsonNode request) {
        String model = Json.text(request, "model");
        if (model == null) throw ApiException.badRequest("'model' is missing: use '" + modelId + "' (or '" + ALIAS + "')");
        if (!model.equals(modelId) && !model.equals(ALIAS)) {
            throw ApiException.notFound("model_not_found", "unknown model '" + model + "': this server serves '" + modelId + "' (alias '" + ALIAS + "')");
        }
    }

    /** max_completion_tokens, else max_tokens, else the server default; must be 1..limit. */
    int maxTokens(JsonNode request) {
        Integer n = Json.integer(request, "max_completion_tokens", null);
        if (n == null) n = Json.integer(request, "max_tokens", defaultMaxTokens);
        if (n < 1 || n > maxTokensLimit) {
            throw ApiException.badRequest("max_tokens must be between 1 and " + maxTokensLimit + ", got " + n);
        }
        return n;
    }

    /** A top-k (of the field {@code field}) that must be 1..vocabulary. */
    int topK(JsonNode request, String field, int fallback) {
        int k = Json.integer(request, field, fallback);
        if (k < 0 || k > vocabulary) {
            throw ApiException.badRequest("'" + field + "' must be between 0 and the vocabulary size " + vocabulary + ", got " + k);
        }
        return k;
    }

    void checkPrompt(String prompt) {
        if (prompt == null || prompt.isBlank()) throw ApiException.badRequest("the prompt is empty: ask something");
        checkLength(prompt.length());
    }

    /** Refuses prompts (all messages together) longer than the server accepts, before any tokenizing. */
    void checkLength(int chars) {
        if (chars > maxPromptChars) {
            throw ApiException.badRequest("the prompt is " + chars + " characters; this server accepts at most " + maxPromptChars);
        }
    }
}
