package dev.tpop.core.session;

import dev.tpop.core.duel.Duel;

/**
 * A duel shown to the user and not yet answered. It keeps the decode-time gradients, because the
 * V update of a round uses g at the theta that decoded it, whatever theta is current when the
 * answer comes.
 */
public record PendingPair(String id, String query, Duel duel, long thetaVersion, long createdAtMillis) {}
