package dev.tpop.core.reward;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The dueling bandit's design matrix V over the tracked gradient (the reward's last layer) and its
 * inverse, which is what the exploration bonus {@code ||z||_{V^-1}} needs.
 *
 * <p>V^-1 is kept current by Sherman-Morrison rank-1 updates (O(d^2) per round) and, every
 * {@code refactorEvery} updates, recomputed exactly from V by a Cholesky factorization, so rounding
 * cannot accumulate over a long personalization. V itself is kept for that purpose only; it is never
 * used as its own inverse. Immutable: an update returns a new instance, so decodes in flight keep a
 * consistent V^-1.
 */
public final class UncertaintyModel {
    private final double lambda;
    private final int refactorEvery;
    private final DMatrixRMaj v;
    private final DMatrixRMaj vInverse;
    private final int updates;

    private UncertaintyModel(double lambda, int refactorEvery, DMatrixRMaj v, DMatrixRMaj vInverse, int updates) {
        this.lambda = lambda;
        this.refactorEvery = refactorEvery;
        this.v = v;
        this.vInverse = vInverse;
        this.updates = updates;
    }

    /** V_0 = lambda I. */
    public static UncertaintyModel initial(int dimension, double lambda, int refactorEvery) {
        DMatrixRMaj v = CommonOps_DDRM.identity(dimension);
        CommonOps_DDRM.scale(lambda, v);
        DMatrixRMaj inv = CommonOps_DDRM.identity(dimension);
        CommonOps_DDRM.scale(1.0 / lambda, inv);
        return new UncertaintyModel(lambda, refactorEvery, v, inv, 0);
    }

    /** Restores a saved state; V^-1 is recomputed from V, so a saved file cannot carry an inconsistent inverse. */
    public static UncertaintyModel restore(double lambda, int refactorEvery, double[] vRowMajor, int updates) {
        int d = (int) Math.round(Math.sqrt(vRowMajor.length));
        if (d * d != vRowMajor.length) throw new IllegalArgumentException("V must be square, got " + vRowMajor.length + " values");
        DMatrixRMaj v = new DMatrixRMaj(d, d, true, vRowMajor);
        return new UncertaintyModel(lambda, refactorEvery, v, invert(v), updates);
    }

    public int dimension() { return v.numRows; }

    public int updates() { return updates; }

    public double lambda() { return lambda; }

    /** V + z z^T, with V^-1 updated by Sherman-Morrison (or re-factorized on schedule). */
    public UncertaintyModel plusOuterProduct(double[] z) {
        int d = dimension();
        if (z.length != d) throw new IllegalArgumentException("z has " + z.length + " values, V is " + d + "x" + d);
        DMatrixRMaj newV = v.copy();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) newV.data[i * d + j] += z[i] * z[j];
        }
        int n = updates + 1;
        if (n % refactorEvery == 0) {
            return new UncertaintyModel(lambda, refactorEvery, newV, invert(newV), n);
        }
        double[] a = multiply(vInverse, z); // V^-1 z
        double denominator = 1.0 + dot(z, a);
        DMatrixRMaj newInverse = vInverse.copy();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) newInverse.data[i * d + j] -= a[i] * a[j] / denominator;
        }
        return new UncertaintyModel(lambda, refactorEvery, newV, newInverse, n);
    }

    /** ||z||_{V^-1} = sqrt(z^T V^-1 z); a tiny negative from rounding reads as 0. */
    public double norm(double[] z) {
        return norm(z, new double[z.length]);
    }

    /** {@link #norm(double[])} with {@code scratch} (length d) for V^-1 z, so a loop over candidates allocates nothing. */
    public double norm(double[] z, double[] scratch) {
        double q = dot(z, multiply(vInverse, z, scratch));
        return q > 0 ? Math.sqrt(q) : 0.0;
    }

    public double[] vRowMajor() { return v.data.clone(); }

    public double[] vInverseRowMajor() { return vInverse.data.clone(); }

    private static DMatrixRMaj invert(DMatrixRMaj v) {
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(v.numRows);
        DMatrixRMaj copy = v.copy();
        if (!chol.setA(copy)) {
            throw new IllegalStateException("V is not positive definite; it cannot be after lambda I plus outer products");
        }
        DMatrixRMaj inverse = new DMatrixRMaj(v.numRows, v.numCols);
        chol.invert(inverse);
        return inverse;
    }

    private static double[] multiply(DMatrixRMaj m, double[] z) {
        return multiply(m, z, new double[m.numRows]);
    }

    private static double[] multiply(DMatrixRMaj m, double[] z, double[] out) {
        int d = m.numRows;
        for (int i = 0; i < d; i++) {
            double s = 0;
            int row = i * d;
            for (int j = 0; j < d; j++) s += m.data[row + j] * z[j];
            out[i] = s;
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
