package dev.tpop.eval.judge;

import java.util.List;

/** How often one method beat another, tied, or lost, over the held-out prompts. */
public record WinRate(int wins, int ties, int losses) {
    public static WinRate of(List<Verdict> verdictsForFirst) {
        int w = 0, t = 0, l = 0;
        for (Verdict v : verdictsForFirst) {
            switch (v) {
                case FIRST -> w++;
                case TIE -> t++;
                case SECOND -> l++;
            }
        }
        return new WinRate(w, t, l);
    }

    public int total() {
        return wins + ties + losses;
    }

    /** "W / T / L (win% )" as printed in the report. */
    public String format() {
        return String.format(java.util.Locale.ROOT, "%d / %d / %d (%.0f%%)", wins, ties, losses,
                total() == 0 ? 0.0 : 100.0 * wins / total());
    }
}
