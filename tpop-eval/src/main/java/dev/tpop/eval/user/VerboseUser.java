package dev.tpop.eval.user;

/**
 * Prefers the longer, more detailed answer:
 * {@code score = ln(1 + words + 0.5 * distinctContentWords + 3 * structureLines)} with words =
 * {@link TextStats#wordCount}, distinct content words = {@link TextStats#distinctContentWords}
 * (distinct lower-case words outside a stop-word list) and structure lines =
 * {@link TextStats#structureLines} (list items and headings).
 *
 * <p>Why the bonuses: "verbose" in the papers means long <i>and</i> detailed; the bonuses keep a
 * response that repeats one phrase from beating one that covers more ground at the same length. The
 * log puts the temperature on the same relative scale as {@link ConciseUser}.
 */
public final class VerboseUser extends BtlSimulatedUser {
    public VerboseUser(double temperature, long seed) {
        super("verbose", temperature, seed);
    }

    @Override
    public double score(String query, String response) {
        double amount = TextStats.wordCount(response)
                + 0.5 * TextStats.distinctContentWords(response)
                + 3.0 * TextStats.structureLines(response);
        return Math.log1p(amount);
    }
}
