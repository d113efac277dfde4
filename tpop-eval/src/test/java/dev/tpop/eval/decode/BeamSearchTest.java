package dev.tpop.eval.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Beam search against exhaustive search on a table model, where enough beams make it exact. */
class BeamSearchTest {
    private static final int V = 4, L = 4;

    @Test
    void enoughBeamsFindTheBestLengthNormalizedSequence() {
        for (long seed = 0; seed < 20; seed++) {
            TableBackend m = new TableBackend(V, seed);
            int beams = (int) Math.pow(V, L); // every prefix fits: beam search is exhaustive
            Generation g = new BeamSearch("BS", m, q -> List.of(), beams, 1.0, L).generate("q");
            int[] best = exhaustiveBest(m, 1.0);
            assertArrayEquals(best, g.tokens(), "seed " + seed);
        }
    }

    @Test
    void oneBeamIsGreedyWhenNoEndTokenIsClose() {
        TableBackend m = new TableBackend(V, 7);
        for (float[] row : m.table) row[0] = -50; // the end token is never among the top two
        Generation beam = new BeamSearch("BS", m, q -> List.of(), 1, 1.0, 6).generate("q");
        Generation greedy = new GreedyStrategy("G", m, q -> List.of(), 6).generate("q");
        assertArrayEquals(greedy.tokens(), beam.tokens());
    }

    /** All sequences that end with token 0 or reach L tokens, ranked by sum log p / length. */
    private static int[] exhaustiveBest(TableBackend m, double penalty) {
        List<int[]> all = new ArrayList<>();
        expand(m, new int[0], all);
        int[] best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int[] s : all) {
            double score = logProb(m, s) / Math.pow(s.length, penalty);
            if (score > bestScore) { bestScore = score; best = s; }
        }
        return best;
    }

    private static void expand(TableBackend m, int[] prefix, List<int[]> out) {
        for (int v = 0; v < V; v++) {
            int[] s = java.util.Arrays.copyOf(prefix, prefix.length + 1);
            s[prefix.length] = v;
            if (v == 0 || s.length == L) out.add(s); else expand(m, s, out);
        }
    }

    private static double logProb(TableBackend m, int[] s) {
        double lp = 0;
        int last = -1;
        for (int t : s) {
            lp += LogProbs.logSoftmax(m.row(last))[t];
            last = t;
        }
        return lp;
    }
}
