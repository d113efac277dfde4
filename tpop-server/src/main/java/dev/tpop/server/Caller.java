package dev.tpop.server;

import java.util.regex.Pattern;

/**
 * Who sent a request, from its bearer token: the admin, or one user. A user can only ever act as
 * itself; the admin can act for any user it names. This is the whole authorization model.
 *
 * @param userId the key's user, or null for the admin
 */
public record Caller(String userId, boolean admin) {
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

    public static Caller administrator() { return new Caller(null, true); }

    public static Caller user(String userId) { return new Caller(userId, false); }

    /**
     * The user a request acts for: the named user when allowed, the key's own user when none is
     * named, null for an admin request that names nobody (the base model, no personalization).
     */
    public String actingFor(String requested) {
        if (requested != null) validUserId(requested);
        if (admin) return requested;
        if (requested != null && !requested.equals(userId)) {
            throw new ApiException(403, "forbidden", "this API key belongs to another user: it cannot act for user '" + requested + "'");
        }
        return userId;
    }

    /** Like {@link #actingFor} but a user is required. */
    public String requireUser(String requested) {
        String u = actingFor(requested);
        if (u == null) throw ApiException.badRequest("name the user: set 'user' (the admin key acts for any user it names)");
        return u;
    }

    public void requireAdmin() {
        if (!admin) throw new ApiException(403, "forbidden", "this route needs the admin key");
    }

    public static String validUserId(String id) {
        if (id == null || !USER_ID.matcher(id).matches()) {
            throw ApiException.badRequest("invalid user id: use 1-64 letters, digits, '_', '.', '@' or '-'");
        }
        return id;
    }
}
