package dev.tpop.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tpop.core.backend.LocalBackend;
import dev.tpop.core.backend.NextTokens;
import dev.tpop.llm.tokenizer.Tokenizer;
import dev.tpop.llm.tokenizer.Utf8StreamDecoder;
import io.javalin.http.Context;
import java.util.UUID;

/**
 * {@code POST /v1/completions}: the base model, greedy, over a raw prompt (no chat template), given
 * as a string or as a list of token ids. With {@code logprobs: k} each generated token comes with
 * the base model's top-k log-probabilities, which makes tpop a top-k source for any
 * {@code RemoteBackend} (tpop's own included). {@code return_tokens_as_token_ids: true} (as in vLLM)
 * names tokens {@code "token_id:ID"} instead of by text, because token texts are ambiguous.
 * Log-probabilities are clamped as {@link LogProbs} says. {@code user} is checked against the key
 * but does not change the answer: personalization is a chat-level feature.
 */
final class CompletionRoutes {
    private final Authenticator auth;
    private final LocalBackend backend;
    private final RequestLimits limits;
    private final GreedyDecoder greedy;

    CompletionRoutes(Authenticator auth, LocalBackend backend, RequestLimits limits) {
        this.auth = auth;
        this.backend = backend;
        this.limits = limits;
        this.greedy = new GreedyDecoder(backend);
    }

    void complete(Context ctx) {
        Caller caller = auth.authenticate(ctx);
        JsonNode req = Json.object(ctx.body());
        limits.checkModel(req);
        caller.actingFor(Json.text(req, "user"));
        int[] prompt = prompt(req.get("prompt"));
        int maxTokens = limits.maxTokens(req.has("max_tokens") || req.has("max_completion_tokens") ? req : Json.newObject().put("max_tokens", 16));
        Integer logprobs = req.hasNonNull("logprobs") ? limits.topK(req, "logprobs", 0) : null;
        if (Json.bool(req, "echo", false)) throw ApiException.badRequest("echo is not supported");
        if (Json.integer(req, "n", 1) != 1) throw ApiException.badRequest("only n = 1 is supported");
        boolean ids = Json.bool(req, "return_tokens_as_token_ids", false);
        boolean stream = Json.bool(req, "stream", false);
        int k = logprobs == null ? 1 : Math.max(1, logprobs);
        String id = "cmpl-" + UUID.randomUUID();
        Tokenizer tok = backend.tokenizer();
        if (stream) {
            SseStream sse = new SseStream(ctx);
            Utf8StreamDecoder text = new Utf8StreamDecoder(tok);
            GreedyDecoder.Result r = greedy.decode(prompt, maxTokens, k, (token, next) -> {
                String delta = backend.endOfSequenceIds().contains(token) ? "" : text.accept(token);
                ObjectNode body = envelope(id);
                ObjectNode c = body.putArray("choices").addObject().put("index", 0).put("text", delta);
                if (logprobs == null) c.putNull("logprobs");
                else c.set("logprobs", logprobsOf(new int[] {token}, java.util.List.of(next), logprobs, ids));
                c.putNull("finish_reason");
                sse.send(body);
            });
            ObjectNode last = envelope(id);
            last.putArray("choices").addObject().put("index", 0).put("text", text.flush()).putNull("logprobs")
                    .put("finish_reason", r.endedByEos() ? "stop" : "length");
            sse.send(last);
            sse.done();
            return;
        }
        GreedyDecoder.Result r = greedy.decode(prompt, maxTokens, k, null);
        int[] tokens = r.tokens();
        int textLength = r.endedByEos() ? tokens.length - 1 : tokens.length;
        ObjectNode body = envelope(id);
        ObjectNode c = body.putArray("choices").addObject().put("index", 0)
                .put("text", backend.decode(java.util.Arrays.copyOf(tokens, textLength)));
        if (logprobs == null) c.putNull("logprobs");
        else c.set("logprobs", logprobsOf(tokens, r.steps(), logprobs, ids));
        c.put("finish_reason", r.endedByEos() ? "stop" : "length");
        body.putObject("usage").put("prompt_tokens", prompt.length).put("completion_tokens", tokens.length)
                .put("total_tokens", prompt.length + tokens.length);
        Json.respond(ctx, body);
    }

    /** A prompt string (raw text, special tokens parsed, BOS added as the model wants) or token ids. */
    private int[] prompt(JsonNode p) {
        if (p == null || p.isNull()) throw ApiException.badRequest("'prompt' is missing");
        if (p.isArray() && p.size() == 1 && p.get(0).isTextual()) p = p.get(0);
        if (p.isTextual()) {
            limits.checkPrompt(p.asText());
            Tokenizer tok = backend.tokenizer();
            int[] ids = tok.encodeWithSpecialTokens(p.asText());
            if (tok.addBos() && tok.bosId() >= 0 && (ids.length == 0 || ids[0] != tok.bosId())) {
                int[] withBos = new int[ids.length + 1];
                withBos[0] = tok.bosId();
                System.arraycopy(ids, 0, withBos, 1, ids.length);
                ids = withBos;
            }
            return ids;
        }
        if (p.isArray()) {
            if (p.isEmpty()) throw ApiException.badRequest("the prompt is empty");
            int[] ids = new int[p.size()];
            for (int i = 0; i < ids.length; i++) {
                JsonNode t = p.get(i);
                if (!t.isIntegralNumber() || !t.canConvertToInt() || t.asInt() < 0 || t.asInt() >= limits.vocabulary()) {
                    throw ApiException.badRequest("prompt token " + i + " is not a token id in [0, " + limits.vocabulary() + ")");
                }
                ids[i] = t.asInt();
            }
            return ids;
        }
        throw ApiException.badRequest("'prompt' must be a string or a list of token ids");
    }

    private ObjectNode logprobsOf(int[] tokens, java.util.List<NextTokens> steps, int k, boolean ids) {
        ObjectNode lp = Json.newObject();
        ArrayNode names = lp.putArray("tokens");
        ArrayNode chosen = lp.putArray("token_logprobs");
        ArrayNode top = lp.putArray("top_logprobs");
        ArrayNode offsets = lp.putArray("text_offset");
        int offset = 0;
        for (int i = 0; i < tokens.length; i++) {
            NextTokens next = steps.get(i);
            String name = name(tokens[i], ids);
            names.add(name);
            chosen.add(LogProbs.clamp(next.logProbs()[0]));
            offsets.add(offset);
            offset += backend.decode(new int[] {tokens[i]}).length();
            ObjectNode alternatives = top.addObject();
            for (int j = 0; j < Math.min(k, next.size()); j++) {
                String key = name(next.tokenIds()[j], ids);
                if (!alternatives.has(key)) alternatives.put(key, LogProbs.clamp(next.logProbs()[j]));
            }
        }
        return lp;
    }

    private String name(int token, boolean ids) {
        return ids ? "token_id:" + token : backend.decode(new int[] {token});
    }

    private ObjectNode envelope(String id) {
        return Json.newObject().put("id", id).put("object", "text_completion").put("created", System.currentTimeMillis() / 1000)
                .put("model", limits.modelId());
    }
}
