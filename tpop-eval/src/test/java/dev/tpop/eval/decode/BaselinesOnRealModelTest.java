package dev.tpop.eval.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpop.core.backend.DecodingBatch;
import dev.tpop.core.backend.LocalBackend;
import dev.tpop.eval.simulate.TestModel;
import org.junit.jupiter.api.Test;

/** The baselines on SmolLM2-135M, kept to 12-16 tokens per answer. */
class BaselinesOnRealModelTest {
    private static final String Q = "How do I keep basil fresh?";
    private static final String ATTR = "concise";

    @Test
    void laFirstTokenIsTheArgmaxOfItsFormulaOverFullDistributions() {
        LocalBackend m = TestModel.backend();
        double[] pref, plain;
        try (DecodingBatch a = m.start(PreferencePrompt.preference(ATTR, Q), 1, 1, 4);
             DecodingBatch b = m.start(PreferencePrompt.plain(Q), 1, 1, 4)) {
            pref = LogProbs.logSoftmax(a.logits(0));
            plain = LogProbs.logSoftmax(b.logits(0));
            assertEquals(a.next(0).greedyToken(), LogProbs.argmax(pref), "full logits agree with top-k");
        }
        double[] expected = new double[pref.length];
        for (int i = 0; i < pref.length; i++) expected[i] = pref[i] + 2.0 * (pref[i] - plain[i]);
        Generation la = ContrastiveStrategy.linearAlignment(m, ATTR, 2.0, 1.0, 1).generate(Q);
        assertEquals(LogProbs.argmax(expected), la.tokens()[0]);
    }

    @Test
    void laWithRatioZeroIsPrefAndAmuletIsLaWithItsEquivalentRatio() {
        LocalBackend m = TestModel.backend();
        Generation pref = GreedyStrategy.pref(m, ATTR, 12).generate(Q);
        Generation la0 = ContrastiveStrategy.linearAlignment(m, ATTR, 0.0, 1.0, 12).generate(Q);
        assertArrayEquals(pref.tokens(), la0.tokens());
        AmuletGame game = AmuletGame.defaults();
        Generation amulet = ContrastiveStrategy.amulet(m, ATTR, game, 12).generate(Q);
        Generation laEq = ContrastiveStrategy.linearAlignment(m, ATTR, game.equivalentRatio(), 1.0, 12).generate(Q);
        assertArrayEquals(laEq.tokens(), amulet.tokens());
    }

    @Test
    void aTinyNucleusLeavesLaOnlyThePreferencePromptsGreedyToken() {
        LocalBackend m = TestModel.backend();
        Generation pref = GreedyStrategy.pref(m, ATTR, 8).generate(Q);
        Generation la = ContrastiveStrategy.linearAlignment(m, ATTR, 5.0, 1e-9, 8).generate(Q);
        assertArrayEquals(pref.tokens(), la.tokens());
    }

    @Test
    void bs16RunsSixteenBeamsInTheEngineAndBeatsOrTiesPrefOnLengthNormalizedLogProb() {
        LocalBackend m = TestModel.backend();
        int max = 12;
        Generation beam = BeamSearch.bs16(m, ATTR, max).generate(Q);
        Generation greedy = GreedyStrategy.pref(m, ATTR, max).generate(Q);
        assertFalse(beam.text().isBlank());
        assertTrue(beam.tokens().length <= max);
        double b = meanLogProb(m, beam.tokens()), g = meanLogProb(m, greedy.tokens());
        // not a theorem for every input, but the point of 16 beams; this prompt is pinned
        assertTrue(b >= g - 1e-4, "beam " + b + " vs greedy " + g);
    }

    /** Teacher-forced mean log-probability of the tokens under the preference prompt. */
    private static double meanLogProb(LocalBackend m, int[] tokens) {
        double sum = 0;
        try (DecodingBatch batch = m.start(PreferencePrompt.preference(ATTR, Q), 1, 1, tokens.length + 1)) {
            for (int t : tokens) {
                sum += LogProbs.logSoftmax(batch.logits(0))[t];
                batch.advance(new int[] {t});
            }
        }
        return sum / tokens.length;
    }
}
