package dev.tpop.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tpop.core.Personalizer;
import dev.tpop.core.TpopConfig;
import dev.tpop.core.backend.LocalBackend;
import dev.tpop.core.duel.ArmResponse;
import dev.tpop.core.duel.DuelingDecoder;
import dev.tpop.core.reward.RewardNetwork;
import dev.tpop.core.session.PendingPair;
import dev.tpop.llm.chat.ChatMessage;
import dev.tpop.llm.tokenizer.Utf8StreamDecoder;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /v1/chat/completions} and {@code GET /v1/models}, OpenAI-compatible.
 *
 * <p>The request's user (the key's own user, or the one the admin names in {@code user}) gets the
 * exploit arm under their reward. Without a user, or with {@code "tpop": {"personalized": false}},
 * the base model answers greedily over the whole conversation. The extension
 * {@code "tpop": {"duel": true}} returns two choices (index 0 = arm 1 exploit, index 1 = arm 2
 * explore) and a top-level {@code pair_id} to answer with {@code POST /v1/tpop/pairs/{id}/feedback}.
 * Decoding is greedy: temperature and top_p are accepted and ignored.
 */
final class ChatRoutes {
    private final Authenticator auth;
    private final UserRegistry users;
    private final Personalizer personalizer;
    private final LocalBackend backend;
    private final RequestLimits limits;
    private final GreedyDecoder greedy;

    ChatRoutes(Authenticator auth, UserRegistry users, Personalizer personalizer, LocalBackend backend, RequestLimits limits) {
        this.auth = auth;
        this.users = users;
        this.personalizer = personalizer;
        this.backend = backend;
        this.limits = limits;
        this.greedy = new GreedyDecoder(backend);
    }

    void models(Context ctx) {
        ObjectNode model = Json.newObject().put("id", limits.modelId()).put("object", "model").put("created", 0).put("owned_by", "tpop");
        ObjectNode body = Json.newObject().put("object", "list");
        body.putArray("data").add(model);
        Json.respond(ctx, body);
    }

    void chat(Context ctx) {
        Caller caller = auth.authenticate(ctx);
        JsonNode req = Json.object(ctx.body());
        limits.checkModel(req);
        ChatMessages messages = ChatMessages.parse(req);
        String query = messages.lastUserMessage();
        limits.checkLength(messages.messages().stream().mapToInt(m -> m.content().length()).sum());
        int maxTokens = limits.maxTokens(req);
        int topK = limits.topK(req, "top_k", personalizer.config().topK());
        if (topK < 1) throw ApiException.badRequest("'top_k' must be at least 1");
        if (Json.integer(req, "n", 1) != 1) throw ApiException.badRequest("only n = 1 is supported; ask for a duel with \"tpop\": {\"duel\": true}");
        boolean stream = Json.bool(req, "stream", false);
        JsonNode ext = req.path("tpop");
        if (!ext.isMissingNode() && !ext.isObject()) throw ApiException.badRequest("'tpop' must be an object such as {\"duel\": true}");
        boolean duel = ext.isObject() && Json.bool(ext, "duel", false);
        boolean personalized = !ext.isObject() || Json.bool(ext, "personalized", true);
        String user = caller.actingFor(Json.text(req, "user"));
        String id = "chatcmpl-" + UUID.randomUUID();
        if (duel) {
            if (user == null) throw ApiException.badRequest("a duel needs a user: set 'user' or use that user's key");
            if (stream) throw ApiException.badRequest("duels are not streamed: send stream=false with \"tpop\": {\"duel\": true}");
            PendingPair pair = users.duel(user, query, maxTokens, topK);
            ObjectNode body = envelope(id, "chat.completion");
            ArrayNode choices = body.putArray("choices");
            choices.add(choice(0, pair.duel().exploit()));
            choices.add(choice(1, pair.duel().explore()));
            body.put("pair_id", pair.id());
            body.putObject("tpop").put("pair_id", pair.id()).put("user", user).put("theta_version", pair.thetaVersion());
            int completion = pair.duel().exploit().tokens().length + pair.duel().explore().tokens().length;
            usage(body, promptTokens(List.of(ChatMessage.user(query))), completion);
            Json.respond(ctx, body);
            return;
        }
        if (user != null && personalized) {
            users.session(user); // 404 for an unknown user before any work
            TpopConfig c = personalizer.config().withOverrides(Map.of("maxNewTokens", maxTokens, "topK", topK));
            DuelingDecoder decoder = personalizer.decoder(c);
            RewardNetwork theta = users.session(user).rewardState().theta();
            if (stream) {
                TokenStream out = new TokenStream(ctx, id);
                ArmResponse answer = decoder.generate(query, theta, out::accept);
                out.finish(answer.endedByEos());
                return;
            }
            ArmResponse answer = decoder.generate(query, theta);
            int prompt = promptTokens(List.of(ChatMessage.user(query)));
            Json.respond(ctx, completion(id, answer.text(), answer.endedByEos(), prompt, answer.tokens().length));
            return;
        }
        int[] prompt = backend.promptTokens(messages.messages());
        if (stream) {
            TokenStream out = new TokenStream(ctx, id);
            GreedyDecoder.Result r = greedy.decode(prompt, maxTokens, topK, (token, next) -> out.accept(token));
            out.finish(r.endedByEos());
            return;
        }
        GreedyDecoder.Result r = greedy.decode(prompt, maxTokens, topK, null);
        Json.respond(ctx, completion(id, textOf(r.tokens()), r.endedByEos(), prompt.length, r.tokens().length));
    }

    /**
     * An answer streamed as it is decoded: one chunk per token that completes text (a token ending
     * inside a UTF-8 character waits for the next one), so the deltas join to exactly the answer.
     */
    private final class TokenStream {
        private final SseStream sse;
        private final String id;
        private final Utf8StreamDecoder text = new Utf8StreamDecoder(backend.tokenizer());

        TokenStream(Context ctx, String id) {
            this.sse = new SseStream(ctx);
            this.id = id;
            sse.send(chunk(id, Json.newObject().put("role", "assistant").put("content", ""), null));
        }

        void accept(int token) {
            if (backend.endOfSequenceIds().contains(token)) return;
            String delta = text.accept(token);
            if (!delta.isEmpty()) sse.send(chunk(id, Json.newObject().put("content", delta), null));
        }

        void finish(boolean endedByEos) {
            String rest = text.flush();
            if (!rest.isEmpty()) sse.send(chunk(id, Json.newObject().put("content", rest), null));
            sse.send(chunk(id, Json.newObject(), endedByEos ? "stop" : "length"));
            sse.done();
        }
    }

    private int[] withoutEos(int[] tokens) {
        int n = tokens.length;
        if (n > 0 && backend.endOfSequenceIds().contains(tokens[n - 1])) n--;
        return Arrays.copyOf(tokens, n);
    }

    private String textOf(int[] tokens) {
        return backend.decode(withoutEos(tokens));
    }

    private int promptTokens(List<ChatMessage> messages) {
        return backend.promptTokens(messages).length;
    }

    private ObjectNode envelope(String id, String object) {
        return Json.newObject().put("id", id).put("object", object).put("created", System.currentTimeMillis() / 1000)
                .put("model", limits.modelId());
    }

    private ObjectNode choice(int index, ArmResponse arm) {
        ObjectNode c = Json.newObject().put("index", index);
        c.putObject("message").put("role", "assistant").put("content", arm.text());
        c.putNull("logprobs");
        c.put("finish_reason", arm.endedByEos() ? "stop" : "length");
        return c;
    }

    private ObjectNode completion(String id, String text, boolean endedByEos, int promptTokens, int completionTokens) {
        ObjectNode body = envelope(id, "chat.completion");
        ObjectNode c = body.putArray("choices").addObject().put("index", 0);
        c.putObject("message").put("role", "assistant").put("content", text);
        c.putNull("logprobs");
        c.put("finish_reason", endedByEos ? "stop" : "length");
        usage(body, promptTokens, completionTokens);
        return body;
    }

    private ObjectNode chunk(String id, ObjectNode delta, String finishReason) {
        ObjectNode body = envelope(id, "chat.completion.chunk");
        ObjectNode c = body.putArray("choices").addObject().put("index", 0);
        c.set("delta", delta);
        c.putNull("logprobs");
        if (finishReason == null) c.putNull("finish_reason");
        else c.put("finish_reason", finishReason);
        return body;
    }

    private static void usage(ObjectNode body, int prompt, int completion) {
        body.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion).put("total_tokens", prompt + completion);
    }
}
