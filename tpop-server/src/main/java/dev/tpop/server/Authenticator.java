package dev.tpop.server;

import io.javalin.http.Context;

/**
 * Turns the {@code Authorization: Bearer KEY} header into a {@link Caller}. A missing or unknown key
 * is a 401 that never echoes the key; keys are looked up by hash only.
 */
public final class Authenticator {
    private final String adminKey;
    private final UserStore store;

    public Authenticator(String adminKey, UserStore store) {
        if (adminKey == null || adminKey.length() < 16) throw new IllegalArgumentException("the admin key must be at least 16 characters");
        this.adminKey = adminKey;
        this.store = store;
    }

    public Caller authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw new ApiException(401, "missing_api_key", "send your API key as 'Authorization: Bearer KEY'");
        }
        String key = header.substring(7).trim();
        if (ApiKeys.sameKey(key, adminKey)) return Caller.administrator();
        return store.userForKeyHash(ApiKeys.hash(key)).map(Caller::user)
                .orElseThrow(() -> new ApiException(401, "invalid_api_key", "unknown API key"));
    }
}
