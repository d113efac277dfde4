package dev.tpop.core.session;

import dev.tpop.core.reward.RewardNetwork;
import dev.tpop.core.reward.UncertaintyModel;

/**
 * theta and V of one user at one moment, swapped atomically as a whole so that a decode always
 * sees a consistent pair. {@code version} counts refits that completed; {@code trainedRounds} is how
 * many rounds of the history theta was fitted on (a saved state whose theta lags its history is
 * refitted after loading).
 */
public record RewardState(RewardNetwork theta, UncertaintyModel uncertainty, long version, int trainedRounds) {}
