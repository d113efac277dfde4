package dev.tpop.eval.judge;

import dev.tpop.eval.user.SimulatedUsers;

/**
 * The attribute's own noise-free scorer as a judge: the higher score wins, equal scores tie. Not
 * independent of T-POP's training signal; reported beside an independent judge, never alone.
 */
public final class ScoreJudge implements PairwiseJudge {
    @Override
    public String name() {
        return "attribute score (noise-free simulated user)";
    }

    @Override
    public Verdict compare(String attribute, String query, String first, String second) {
        var user = SimulatedUsers.create(attribute, 0, 0);
        double d = user.score(query, first) - user.score(query, second);
        return d > 0 ? Verdict.FIRST : d < 0 ? Verdict.SECOND : Verdict.TIE;
    }
}
