package dev.tpop.core.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BradleyTerryTest {
    @Test
    void lossAtGapMinusHundredIsFinite() {
        double loss = BradleyTerry.loss(-100, 1.0);
        double grad = BradleyTerry.lossGradient(-100, 1.0);
        assertTrue(Double.isFinite(loss) && Double.isFinite(grad));
        assertEquals(100.0, loss, 1e-9);
        assertEquals(-1.0, grad, 1e-12);
        assertEquals(0.0, BradleyTerry.loss(100, 1.0), 1e-40);
        assertEquals(Math.log(2), BradleyTerry.loss(0, 1.0), 1e-15);
        assertTrue(Double.isFinite(BradleyTerry.loss(-1e6, 1.0)));
        assertEquals(1e6, BradleyTerry.loss(-1e6, 1.0), 1e-3);
    }

    @Test
    void gradientMatchesFiniteDifference() {
        for (double gap : new double[] {-7, -0.3, 0, 0.8, 5}) {
            for (double label : new double[] {0, 0.5, 1}) {
                double h = 1e-6;
                double numeric = (BradleyTerry.loss(gap + h, label) - BradleyTerry.loss(gap - h, label)) / (2 * h);
                assertEquals(numeric, BradleyTerry.lossGradient(gap, label), 1e-6);
            }
        }
    }

    /**
     * Direction on synthetic features: the user always prefers the response with property P (a
     * feature pattern); after training, a held-out response with P must outscore one without it.
     */
    @Test
    void learnsTheUsersDirectionNotTheOpposite() {
        int d = 16;
        SplittableRandom r = new SplittableRandom(7);
        float[] property = new float[d];
        for (int i = 0; i < d; i++) property[i] = (float) RewardNetwork.gaussian(r);
        List<Comparison> history = new ArrayList<>();
        for (int s = 0; s < 30; s++) {
            float[] withP = features(r, d, property);
            float[] without = features(r, d, null);
            boolean pFirst = s % 2 == 0;
            history.add(pFirst ? new Comparison(withP, without, 1.0) : new Comparison(without, withP, 0.0));
        }
        BtlLearner learner = new BtlLearner(1.0, 200, 0.02);
        RewardNetwork start = RewardNetwork.initialize(d, 16, 3);
        RewardNetwork fitted = learner.refit(start, history);
        assertTrue(learner.loss(fitted, history) < learner.loss(start, history));
        int correct = 0;
        for (int t = 0; t < 50; t++) {
            double withP = learner.responseReward(fitted, features(r, d, property));
            double without = learner.responseReward(fitted, features(r, d, null));
            if (withP > without) correct++;
        }
        assertTrue(correct >= 45, "held-out responses with P ranked first only " + correct + "/50 times");
    }

    private static float[] features(SplittableRandom r, int d, float[] shift) {
        float[] out = new float[d];
        for (int i = 0; i < d; i++) out[i] = (float) RewardNetwork.gaussian(r) + (shift == null ? 0 : 0.7f * shift[i]);
        return out;
    }
}
