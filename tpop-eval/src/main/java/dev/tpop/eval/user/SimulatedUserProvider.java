package dev.tpop.eval.user;

import java.util.Set;

/**
 * The plug-in point for users of one's own: list the implementation in
 * {@code META-INF/services/dev.tpop.eval.user.SimulatedUserProvider} on the classpath and its
 * attributes become selectable by name in {@link SimulatedUsers#create} (and so in the CLI).
 * Built-in names win over a provider's, so a plug-in cannot silently change a published benchmark.
 */
public interface SimulatedUserProvider {
    /** Attribute names this provider can create, lower case. */
    Set<String> attributes();

    /** A user for one of {@link #attributes()}; see {@link BtlSimulatedUser} for temperature and seed. */
    SimulatedUser create(String attribute, double temperature, long seed);
}
