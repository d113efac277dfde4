package dev.tpop.core.session;

import dev.tpop.core.duel.Preference;

/**
 * One answered round of the history D: the query, both responses (text and the feature rows the
 * reward is trained on), and the user's preference. Kept even when the answer was "both bad", so
 * nothing a user gave is lost.
 */
public record Round(String pairId, String query, String exploitText, String exploreText,
                    float[] exploitFeatures, float[] exploreFeatures, Preference preference, long answeredAtMillis) {}
