package dev.tpop.eval.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Amulet's game under the papers' defaults is Linear Alignment with a ratio of about 4.65. */
class AmuletGameTest {
    @Test
    void defaultsAreLinearAlignmentWithRatioAbout465() {
        AmuletGame game = AmuletGame.defaults();
        double c = game.equivalentRatio();
        assertEquals(4.65, c, 0.01);
        Random r = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            double[] pref = LogProbs.logSoftmax(gaussian(r, 500, 3));
            double[] plain = LogProbs.logSoftmax(gaussian(r, 500, 3));
            double[] amulet = game.scores(pref, plain);
            double[] la = new LinearAlignment(c).scores(pref, plain);
            double shift = amulet[0] - la[0];
            for (int i = 0; i < pref.length; i++) assertEquals(la[i] + shift, amulet[i], 1e-8, "token " + i);
            assertEquals(LogProbs.argmax(la), LogProbs.argmax(amulet));
        }
    }

    @Test
    void equalDistributionsLeaveThePreferencePolicyUnchanged() {
        double[] p = LogProbs.logSoftmax(gaussian(new Random(1), 50, 1));
        double[] out = LogProbs.logSoftmax(AmuletGame.defaults().scores(p, p));
        for (int i = 0; i < p.length; i++) assertEquals(p[i], out[i], 1e-9);
    }

    @Test
    void linearAlignmentFormulaAndRatioZeroIsPref() {
        double[] pref = {-1, -2, -3}, plain = {-2, -1, -3};
        assertEquals(-1 + 2 * (-1 + 2), new LinearAlignment(2).scores(pref, plain)[0], 1e-12);
        assertEquals(-2 + 2 * (-2 + 1), new LinearAlignment(2).scores(pref, plain)[1], 1e-12);
        double[] zero = new LinearAlignment(0).scores(pref, plain);
        for (int i = 0; i < 3; i++) assertEquals(pref[i], zero[i], 0);
    }

    @Test
    void nucleusKeepsTheSmallestSetReachingP() {
        double[] lp = {Math.log(0.5), Math.log(0.3), Math.log(0.15), Math.log(0.05)};
        boolean[] n = LogProbs.nucleus(lp, 0.7);
        assertEquals(true, n[0]);
        assertEquals(true, n[1]);
        assertEquals(false, n[2]);
        assertEquals(true, LogProbs.nucleus(lp, 0.01)[0]);
    }

    private static double[] gaussian(Random r, int n, double sd) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = r.nextGaussian() * sd;
        return x;
    }
}
