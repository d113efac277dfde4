package dev.tpop.eval.user;

import dev.tpop.core.duel.Preference;

/**
 * A stand-in for a person in the personalization loop: it scores responses by one attribute and
 * answers duels the way a person with that taste would, including the occasional inconsistency.
 *
 * <p>Implement {@link #score} only, by extending {@link BtlSimulatedUser}; plug a user in through
 * {@link SimulatedUserProvider}.
 */
public interface SimulatedUser {
    /** The attribute this user wants more of, e.g. "concise". */
    String attribute();

    /** How much the user likes a response to a query; higher is better. Deterministic. */
    double score(String query, String response);

    /** Which of two responses the user prefers; may be noisy, see {@link BtlSimulatedUser}. */
    Preference prefer(String query, String a, String b);
}
