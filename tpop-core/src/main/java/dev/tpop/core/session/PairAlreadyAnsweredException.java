package dev.tpop.core.session;

import dev.tpop.core.duel.Preference;

/** Feedback tried to change the answer of a pair that was already answered differently. */
public class PairAlreadyAnsweredException extends IllegalStateException {
    public PairAlreadyAnsweredException(String pairId, Preference recorded, Preference attempted) {
        super("pair '" + pairId + "' was already answered with " + recorded + "; it cannot be changed to " + attempted);
    }
}
