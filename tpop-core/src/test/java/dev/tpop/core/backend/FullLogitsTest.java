package dev.tpop.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.tpop.core.RealModel;
import dev.tpop.llm.chat.ChatMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DecodingBatch.logits of the local engine: the full vector behind next()'s top-k, a fresh copy each call. */
class FullLogitsTest {
    @Test
    void fullLogitsAgreeWithTopKAndAreCopies() {
        LocalBackend m = RealModel.backend();
        try (DecodingBatch batch = m.start(List.of(new ChatMessage("user", "Name a colour.")), 2, 5, 4)) {
            float[] logits = batch.logits(0);
            assertEquals(m.vocabularySize(), logits.length);
            NextTokens top = TopK.select(logits, 5, null);
            NextTokens next = batch.next(0);
            for (int i = 0; i < 5; i++) {
                assertEquals(next.tokenIds()[i], top.tokenIds()[i]);
                assertEquals(next.logProbs()[i], top.logProbs()[i], 1e-6);
            }
            assertNotSame(logits, batch.logits(0));
            batch.advance(new int[] {next.greedyToken(), -1});
            assertEquals(batch.next(0).greedyToken(), TopK.select(batch.logits(0), 1, null).greedyToken());
        }
    }
}
