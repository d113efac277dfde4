package dev.tpop.eval.judge;

/** Which of two answers a judge prefers; {@link #TIE} when it cannot tell or contradicts itself. */
public enum Verdict {
    FIRST, SECOND, TIE;

    /** The same verdict seen from the other answer's side. */
    public Verdict swapped() {
        return this == FIRST ? SECOND : this == SECOND ? FIRST : TIE;
    }
}
