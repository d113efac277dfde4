package dev.tpop.core.session;

import dev.tpop.core.duel.Preference;

/**
 * What a feedback call did. {@code duplicate} is true when the same answer for the same pair was
 * already recorded (feedback is idempotent); the round counter then did not move.
 */
public record FeedbackResult(String pairId, Preference preference, int rounds, boolean duplicate) {}
