package dev.tpop.eval.user;

import java.util.Set;

/** A plug-in user for the ServiceLoader test: prefers upper-case letters. */
public final class ShoutyUserProvider implements SimulatedUserProvider {
    @Override
    public Set<String> attributes() {
        return Set.of("shouty");
    }

    @Override
    public SimulatedUser create(String attribute, double temperature, long seed) {
        return new BtlSimulatedUser(attribute, temperature, seed) {
            @Override
            public double score(String query, String response) {
                return response.chars().filter(Character::isUpperCase).count();
            }
        };
    }
}
