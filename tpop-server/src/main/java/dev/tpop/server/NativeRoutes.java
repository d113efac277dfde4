package dev.tpop.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tpop.core.duel.Preference;
import dev.tpop.core.session.FeedbackResult;
import dev.tpop.core.session.PairAlreadyAnsweredException;
import dev.tpop.core.session.PairNotFoundException;
import dev.tpop.core.session.PendingPair;
import dev.tpop.core.session.UserSession;
import io.javalin.http.Context;

/**
 * tpop's own routes under {@code /v1/tpop}: users and their keys (admin), duels ("pairs"),
 * feedback, status, export/import and deletion. A user key only ever reaches its own user; a pair id
 * of another user is indistinguishable from an unknown one (404), so ids leak nothing.
 */
final class NativeRoutes {
    private final Authenticator auth;
    private final UserStore store;
    private final UserRegistry users;
    private final RequestLimits limits;
    private final int defaultTopK;

    NativeRoutes(Authenticator auth, UserStore store, UserRegistry users, RequestLimits limits, int defaultTopK) {
        this.auth = auth;
        this.store = store;
        this.users = users;
        this.limits = limits;
        this.defaultTopK = defaultTopK;
    }

    /** POST /v1/tpop/users {"user"} (admin): creates a user and returns its API key, shown only here. */
    void createUser(Context ctx) {
        auth.authenticate(ctx).requireAdmin();
        JsonNode req = Json.object(ctx.body());
        String user = Caller.validUserId(Json.text(req, "user"));
        String key = ApiKeys.generate("tpk-");
        if (!store.createUser(user, ApiKeys.hash(key))) {
            throw new ApiException(409, "user_exists", "user '" + user + "' already exists");
        }
        ctx.status(201);
        Json.respond(ctx, (Json.newObject().put("user", user).put("api_key", key)));
    }

    /** GET /v1/tpop/users (admin). */
    void listUsers(Context ctx) {
        auth.authenticate(ctx).requireAdmin();
        ObjectNode body = Json.newObject();
        store.users().forEach(body.putArray("users")::add);
        Json.respond(ctx, body);
    }

    /** GET /v1/tpop/users/{user}: rounds, theta version, whether a refit is running. */
    void status(Context ctx) {
        status(ctx, auth.authenticate(ctx).requireUser(ctx.pathParam("user")));
    }

    /** GET /v1/tpop/me: the status of the key's own user (what the web page shows). */
    void me(Context ctx) {
        status(ctx, auth.authenticate(ctx).requireUser(null));
    }

    private void status(Context ctx, String user) {
        UserSession s = users.session(user);
        ObjectNode body = Json.newObject().put("user", user).put("rounds", s.rounds()).put("theta_version", s.thetaVersion())
                .put("refit_in_progress", s.refitInProgress()).put("open_pairs", s.pendingPairs().size())
                .put("stored_feedback", store.feedback(user).size());
        store.latestSnapshot(user).ifPresent(snap -> body.put("snapshot_version", snap.version()));
        body.put("last_refit_error", s.lastRefitError() == null ? null : s.lastRefitError().getMessage());
        Json.respond(ctx, body);
    }

    /** POST /v1/tpop/pairs {"prompt", "user"?, "max_tokens"?, "top_k"?}: a duel to answer. */
    void createPair(Context ctx) {
        Caller caller = auth.authenticate(ctx);
        JsonNode req = Json.object(ctx.body());
        String user = caller.requireUser(Json.text(req, "user"));
        String prompt = Json.text(req, "prompt");
        limits.checkPrompt(prompt);
        int maxTokens = limits.maxTokens(req);
        int topK = limits.topK(req, "top_k", defaultTopK);
        if (topK < 1) throw ApiException.badRequest("'top_k' must be at least 1");
        PendingPair pair = users.duel(user, prompt, maxTokens, topK);
        ObjectNode body = Json.newObject().put("pair_id", pair.id()).put("user", user).put("prompt", prompt)
                .put("theta_version", pair.thetaVersion());
        body.putArray("responses")
                .add(Json.newObject().put("arm", 1).put("role", "exploit").put("text", pair.duel().exploit().text()))
                .add(Json.newObject().put("arm", 2).put("role", "explore").put("text", pair.duel().explore().text()));
        Json.respond(ctx, body);
    }

    /** POST /v1/tpop/pairs/{pair}/feedback {"preference": "1"|"2"|"tie"|"both_bad"}: durable before the reply. */
    void feedback(Context ctx) {
        Caller caller = auth.authenticate(ctx);
        JsonNode req = Json.object(ctx.body());
        String user = caller.requireUser(Json.text(req, "user"));
        Preference preference;
        try {
            JsonNode given = req.get("preference");
            // 1 and 2 are accepted as JSON numbers too: that is how people write them
            preference = Preference.parse(given != null && given.isInt() ? given.asText() : Json.text(req, "preference"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        FeedbackResult r;
        try {
            r = users.feedback(user, ctx.pathParam("pair"), preference);
        } catch (PairNotFoundException e) {
            throw ApiException.notFound("pair_not_found", e.getMessage());
        } catch (PairAlreadyAnsweredException e) {
            throw new ApiException(409, "pair_already_answered", e.getMessage());
        }
        UserSession s = users.session(user);
        Json.respond(ctx, (Json.newObject().put("pair_id", r.pairId()).put("preference", r.preference().name().toLowerCase())
                .put("rounds", r.rounds()).put("duplicate", r.duplicate()).put("theta_version", s.thetaVersion())
                .put("refit_in_progress", s.refitInProgress())));
    }

    /** GET /v1/tpop/users/{user}/state: the user's whole state, gzip JSON. */
    void exportState(Context ctx) {
        String user = auth.authenticate(ctx).requireUser(ctx.pathParam("user"));
        byte[] blob = users.export(user);
        ctx.contentType("application/gzip").header("Content-Disposition", "attachment; filename=\"" + user + ".tpop.json.gz\"").result(blob);
    }

    /** PUT /v1/tpop/users/{user}/state: replaces the user's state by an export of the same user. */
    void importState(Context ctx) {
        String user = auth.authenticate(ctx).requireUser(ctx.pathParam("user"));
        byte[] blob = ctx.bodyAsBytes();
        if (blob.length == 0) throw ApiException.badRequest("send the exported state (gzip JSON) as the request body");
        UserSession s = users.importState(user, blob);
        Json.respond(ctx, (Json.newObject().put("user", user).put("rounds", s.rounds()).put("theta_version", s.thetaVersion())));
    }

    /** DELETE /v1/tpop/users/{user}: forgets everything about the user, key included. */
    void delete(Context ctx) {
        String user = auth.authenticate(ctx).requireUser(ctx.pathParam("user"));
        if (!users.delete(user)) throw ApiException.notFound("user_not_found", "unknown user '" + user + "'");
        Json.respond(ctx, (Json.newObject().put("user", user).put("deleted", true)));
    }
}
