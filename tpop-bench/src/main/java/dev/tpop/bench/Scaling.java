package dev.tpop.bench;

import java.util.List;

/**
 * The k and M sweeps, and how well the cost follows a straight line in M.
 *
 * @param overK       pairs at each k of the sweep, M fixed
 * @param overM       pairs at each M of the sweep, k fixed
 * @param msPerExtraToken slope of a least-squares line through (M, msPerPair)
 * @param linearityR2 R^2 of that line: 1 is perfectly linear
 */
public record Scaling(List<ScalingPoint> overK, List<ScalingPoint> overM, double msPerExtraToken, double linearityR2) {
    static Scaling of(List<ScalingPoint> overK, List<ScalingPoint> overM) {
        int n = overM.size();
        double mx = 0, my = 0;
        for (ScalingPoint p : overM) { mx += p.m(); my += p.msPerPair(); }
        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (ScalingPoint p : overM) {
            sxy += (p.m() - mx) * (p.msPerPair() - my);
            sxx += (p.m() - mx) * (p.m() - mx);
            syy += (p.msPerPair() - my) * (p.msPerPair() - my);
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        double r2 = sxx == 0 || syy == 0 ? 1 : sxy * sxy / (sxx * syy);
        return new Scaling(overK, overM, slope, r2);
    }
}
