package dev.tpop.eval.user;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Creates simulated users by attribute name: the eight attributes of the papers are built in, others
 * come from {@link SimulatedUserProvider}s found by {@link ServiceLoader}.
 */
public final class SimulatedUsers {
    /** The headline attributes of the T-POP paper come first. */
    private static final Map<String, Factory> BUILT_IN = new LinkedHashMap<>();

    static {
        BUILT_IN.put("creative", CreativeUser::new);
        BUILT_IN.put("verbose", VerboseUser::new);
        BUILT_IN.put("concise", ConciseUser::new);
        BUILT_IN.put("uplifting", UpliftingUser::new);
        BUILT_IN.put("sycophantic", SycophanticUser::new);
        BUILT_IN.put("complex", ComplexUser::new);
        BUILT_IN.put("formal", FormalUser::new);
        BUILT_IN.put("pleasant", PleasantUser::new);
    }

    @FunctionalInterface
    private interface Factory {
        SimulatedUser create(double temperature, long seed);
    }

    private SimulatedUsers() {}

    /**
     * A user for {@code attribute} (case-insensitive).
     *
     * @throws IllegalArgumentException for an unknown attribute, listing the valid ones
     */
    public static SimulatedUser create(String attribute, double temperature, long seed) {
        String name = attribute == null ? "" : attribute.strip().toLowerCase(Locale.ROOT);
        Factory builtIn = BUILT_IN.get(name);
        if (builtIn != null) return builtIn.create(temperature, seed);
        for (SimulatedUserProvider p : ServiceLoader.load(SimulatedUserProvider.class)) {
            if (p.attributes().contains(name)) return p.create(name, temperature, seed);
        }
        throw new IllegalArgumentException("unknown simulated user '" + attribute + "'; valid attributes: "
                + String.join(", ", attributes()) + " (add more with a " + SimulatedUserProvider.class.getName() + ")");
    }

    /** Every selectable attribute: built-in and plugged-in, sorted. */
    public static SortedSet<String> attributes() {
        SortedSet<String> out = new TreeSet<>(BUILT_IN.keySet());
        for (SimulatedUserProvider p : ServiceLoader.load(SimulatedUserProvider.class)) out.addAll(p.attributes());
        return out;
    }

    /** The built-in attributes, headline ones first. */
    public static java.util.List<String> builtInAttributes() {
        return java.util.List.copyOf(BUILT_IN.keySet());
    }
}
