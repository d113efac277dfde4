package dev.tpop.core.reward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Runs the real all-MiniLM-L6-v2 model (it ships inside the langchain4j jar). */
class TextEncoderFeaturizerTest {
    /** A toy vocabulary: token id i is WORDS[i]; detokenizing joins with spaces. */
    private static final String[] WORDS = {"the", "cat", "sat", "on", "mat", "stock", "market", "crashed", "today", "dog"};
    private static final Function<int[], String> DETOK =
            ids -> Arrays.stream(ids).mapToObj(i -> WORDS[i]).collect(Collectors.joining(" "));
    private static final TextEncoderFeaturizer FEATURIZER = new TextEncoderFeaturizer(DETOK);

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    @Test
    void contract() {
        assertEquals(384, FEATURIZER.dimension());
        assertEquals(Aggregation.LAST_PREFIX, FEATURIZER.aggregation());
    }

    @Test
    void candidateRowsAreUnitNormWithTheRightDimension() {
        float[][] rows = FEATURIZER.candidateFeatures(new ResponsePrefix("Tell me about pets.", new int[] {0, 1}, null), new int[] {2, 7, 9});
        assertEquals(3, rows.length);
        for (float[] row : rows) {
            assertEquals(384, row.length);
            assertEquals(1.0, Math.sqrt(dot(row, row)), 1e-4);
        }
    }

    @Test
    void similarTextsAreCloserThanUnrelatedOnes() {
        float[] cat = FEATURIZER.embed("q", "The cat sat on the mat.");
        float[] kitten = FEATURIZER.embed("q", "A kitten was sitting on the rug.");
        float[] stocks = FEATURIZER.embed("q", "Stock markets fell sharply after the interest rate decision.");
        assertTrue(dot(cat, kitten) > dot(cat, stocks) + 0.1, "cat~kitten " + dot(cat, kitten) + " vs cat~stocks " + dot(cat, stocks));
    }

    @Test
    void batchEqualsSingleAndUsesQueryPlusExtendedPrefix() {
        ResponsePrefix prefix = new ResponsePrefix("Where is the cat?", new int[] {0, 1, 2, 3, 0}, null);
        int[] candidates = {4, 8, 5};
        float[][] batch = FEATURIZER.candidateFeatures(prefix, candidates);
        for (int i = 0; i < candidates.length; i++) {
            float[] single = FEATURIZER.embed("Where is the cat?", DETOK.apply(prefix.extendedBy(candidates[i])));
            assertArrayEquals(single, batch[i], 1e-5f);
        }
    }

    @Test
    void emptyPrefixWorks() {
        float[][] rows = FEATURIZER.candidateFeatures(new ResponsePrefix("", new int[0], null), new int[] {0});
        assertEquals(384, rows[0].length);
    }
}
