package dev.tpop.eval.judge;

/**
 * An LLM judge asked twice, with the answers in both orders, because LLM judges favour a position
 * (small models strongly so). An answer wins only if it is preferred in both orders; a judge that
 * changes its mind with the order gives a {@link Verdict#TIE}.
 */
public abstract class PositionSwappedJudge implements PairwiseJudge {
    /** One question to the model: is answer A or answer B more {@code attribute}? */
    protected abstract Verdict askOnce(String attribute, String query, String a, String b);

    @Override
    public final Verdict compare(String attribute, String query, String first, String second) {
        Verdict straight = askOnce(attribute, query, first, second);
        Verdict swapped = askOnce(attribute, query, second, first).swapped();
        return straight == swapped ? straight : Verdict.TIE;
    }

    /** The question both LLM judges ask: the papers' GPT-4 comparison, shortened for small models. */
    public static String prompt(String attribute, String query, String a, String b) {
        return "Which response is more " + attribute + "?\n\nQuestion: " + query.strip()
                + "\n\nResponse A: " + a.strip() + "\n\nResponse B: " + b.strip()
                + "\n\nAnswer with a single letter, A or B.";
    }
}
