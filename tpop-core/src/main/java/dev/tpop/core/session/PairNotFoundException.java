package dev.tpop.core.session;

/** Feedback named a pair this user was never shown (or one that was forgotten). */
public class PairNotFoundException extends IllegalArgumentException {
    public PairNotFoundException(String pairId) {
        super("unknown pair id '" + pairId + "': ask for a new duel and answer its pair id");
    }
}
