package dev.tpop.eval.compare;

import dev.tpop.eval.judge.Verdict;
import dev.tpop.eval.judge.WinRate;
import java.util.List;

/**
 * One judge's verdicts on T-POP (seed {@code seed}, final T) against one method, per held-out prompt;
 * {@link Verdict#FIRST} means T-POP won.
 */
public record JudgeResult(String judge, String attribute, String method, long seed, List<Verdict> verdicts) {
    public WinRate winRate() {
        return WinRate.of(verdicts);
    }
}
