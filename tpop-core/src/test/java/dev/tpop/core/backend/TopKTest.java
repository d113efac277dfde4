package dev.tpop.core.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TopKTest {
    @Test
    void returnsTheLargestInOrderWithNormalizedLogProbabilities() {
        float[] logits = {0.5f, 3f, -1f, 3f, 2f};
        NextTokens t = TopK.select(logits, 3, null);
        assertArrayEquals(new int[] {1, 3, 4}, t.tokenIds(), "ties keep the lower id first, like argmax");
        double z = 0;
        for (float x : logits) z += Math.exp(x);
        assertEquals(3 - Math.log(z), t.logProbs()[0], 1e-6);
        assertEquals(2 - Math.log(z), t.logProbs()[2], 1e-6);
    }

    @Test
    void kLargerThanVocabularyIsClampedAndSmallAndLargePathsAgree() {
        SplittableRandom r = new SplittableRandom(1);
        float[] logits = new float[1000];
        for (int i = 0; i < logits.length; i++) logits[i] = (float) r.nextGaussian();
        NextTokens all = TopK.select(logits, 5000, null);
        assertEquals(1000, all.size());
        NextTokens small = TopK.select(logits, 200, null);
        for (int i = 0; i < 200; i++) assertEquals(all.tokenIds()[i], small.tokenIds()[i]);
    }
}
