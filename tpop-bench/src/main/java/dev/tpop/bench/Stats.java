package dev.tpop.bench;

import java.util.Arrays;
import java.util.List;

/** Order statistics of repeated measurements: medians, because background load makes means lie. */
final class Stats {
    private Stats() {}

    static double median(List<Double> values) {
        return percentile(values, 50);
    }

    /** The p-th percentile by linear interpolation between closest ranks. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) throw new IllegalArgumentException("no values");
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        double rank = p / 100.0 * (v.length - 1);
        int lo = (int) Math.floor(rank), hi = (int) Math.ceil(rank);
        return v[lo] + (v[hi] - v[lo]) * (rank - lo);
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
}
