package dev.tpop.core.duel;

/**
 * A user's answer to one duel. The label {@code l} of the Bradley-Terry loss is 1 for {@link #FIRST}
 * (the exploit arm, y1) and 0 for {@link #SECOND}.
 *
 * <p>{@link #TIE} is used as a soft label 1/2: it still says the two answers are equally good, which
 * pulls their rewards together and counts as an observed comparison in V. {@link #BOTH_BAD} says
 * nothing about which of the two is better, so it is kept in the history (nothing a user gives is
 * dropped) but contributes neither to the loss nor to V.
 */
public enum Preference {
    FIRST, SECOND, TIE, BOTH_BAD;

    /** The BTL label l, or NaN when this answer carries no preference. */
    public double label() {
        return switch (this) {
            case FIRST -> 1.0;
            case SECOND -> 0.0;
            case TIE -> 0.5;
            case BOTH_BAD -> Double.NaN;
        };
    }

    public boolean informative() {
        return this != BOTH_BAD;
    }

    /** Parses what a person types or an API sends: 1/2/t/b or the names, case-insensitive. */
    public static Preference parse(String s) {
        if (s == null) throw new IllegalArgumentException("preference is missing: use 1, 2, tie or both_bad");
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "1", "first", "arm1", "exploit" -> FIRST;
            case "2", "second", "arm2", "explore" -> SECOND;
            case "t", "tie", "=" -> TIE;
            case "b", "both_bad", "bothbad", "both-bad", "neither" -> BOTH_BAD;
            default -> throw new IllegalArgumentException("unknown preference '" + s + "': use 1, 2, tie or both_bad");
        };
    }
}
