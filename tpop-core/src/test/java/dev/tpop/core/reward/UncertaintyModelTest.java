package dev.tpop.core.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The invariants of algorithm.md about V and the exploration bonus. */
class UncertaintyModelTest {
    private static double[] randomVector(SplittableRandom r, int d) {
        double[] z = new double[d];
        for (int i = 0; i < d; i++) z[i] = RewardNetwork.gaussian(r);
        return z;
    }

    private static double norm(double[] z) {
        double s = 0;
        for (double x : z) s += x * x;
        return Math.sqrt(s);
    }

    @Test
    void bonusStartsAtPlainNormOverSqrtLambda() {
        double lambda = 2.5;
        UncertaintyModel u = UncertaintyModel.initial(9, lambda, 1000);
        double[] z = randomVector(new SplittableRandom(1), 9);
        assertEquals(norm(z) / Math.sqrt(lambda), u.norm(z), 1e-12);
    }

    @Test
    void bonusNeverIncreasesAsRoundsAreAdded() {
        SplittableRandom r = new SplittableRandom(2);
        UncertaintyModel u = UncertaintyModel.initial(12, 1.0, 7);
        double[] fixed = randomVector(r, 12);
        double previous = u.norm(fixed);
        for (int round = 0; round < 200; round++) {
            u = u.plusOuterProduct(randomVector(r, 12));
            double now = u.norm(fixed);
            assertTrue(now <= previous * (1 + 1e-9), "bonus grew at round " + round + ": " + previous + " -> " + now);
            previous = now;
        }
        assertTrue(previous < 0.5 * norm(fixed), "200 rounds should shrink the bonus clearly, got " + previous);
    }

    @Test
    void rankOneUpdatesMatchDirectInverse() {
        SplittableRandom r = new SplittableRandom(3);
        int d = 33;
        // refactorEvery huge: only Sherman-Morrison updates are tested here
        UncertaintyModel u = UncertaintyModel.initial(d, 1.0, Integer.MAX_VALUE);
        for (int i = 0; i < 60; i++) u = u.plusOuterProduct(randomVector(r, d));
        DMatrixRMaj v = new DMatrixRMaj(d, d, true, u.vRowMajor());
        DMatrixRMaj direct = new DMatrixRMaj(d, d);
        assertTrue(CommonOps_DDRM.invert(v, direct));
        DMatrixRMaj kept = new DMatrixRMaj(d, d, true, u.vInverseRowMajor());
        DMatrixRMaj diff = kept.copy();
        CommonOps_DDRM.subtractEquals(diff, direct);
        double relative = CommonOps_DDRM.elementMaxAbs(diff) / CommonOps_DDRM.elementMaxAbs(direct);
        assertTrue(relative < 1e-6, "relative error " + relative);
    }

    @Test
    void staysPositiveDefiniteAfterManyNearCollinearUpdates() {
        SplittableRandom r = new SplittableRandom(4);
        int d = 16;
        double[] base = randomVector(r, d);
        UncertaintyModel u = UncertaintyModel.initial(d, 1.0, 32);
        for (int i = 0; i < 2000; i++) {
            double[] z = base.clone();
            for (int j = 0; j < d; j++) z[j] = 100 * z[j] + 1e-6 * RewardNetwork.gaussian(r);
            u = u.plusOuterProduct(z);
        }
        for (int t = 0; t < 50; t++) {
            double[] probe = randomVector(r, d);
            DMatrixRMaj inv = new DMatrixRMaj(d, d, true, u.vInverseRowMajor());
            double q = 0;
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) q += probe[i] * inv.get(i, j) * probe[j];
            assertTrue(q > 0, "V^-1 lost positive definiteness: z^T V^-1 z = " + q);
            assertTrue(Double.isFinite(u.norm(probe)));
        }
        // along the repeated direction the bonus must have collapsed, orthogonal ones not
        assertTrue(u.norm(base) < 1e-3 * norm(base));
    }

    @Test
    void restoreRecomputesTheInverse() {
        SplittableRandom r = new SplittableRandom(5);
        UncertaintyModel u = UncertaintyModel.initial(8, 1.0, 100);
        for (int i = 0; i < 10; i++) u = u.plusOuterProduct(randomVector(r, 8));
        UncertaintyModel restored = UncertaintyModel.restore(1.0, 100, u.vRowMajor(), u.updates());
        double[] z = randomVector(r, 8);
        assertEquals(u.norm(z), restored.norm(z), 1e-9);
    }
}
