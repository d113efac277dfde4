package dev.tpop.core.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tpop.core.Personalizer;
import dev.tpop.core.RealModel;
import dev.tpop.core.TpopConfig;
import dev.tpop.core.duel.DuelingDecoder;
import dev.tpop.core.duel.Preference;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserSessionTest {
    private static DuelingDecoder decoder(TpopConfig config) {
        return Personalizer.withBackend(RealModel.backend(), config).decoder();
    }

    @Test
    void feedbackIsIdempotentAndRefusesUnknownOrChangedAnswers() {
        try (UserSession s = UserSession.create("alice", decoder(RealModel.config(12)))) {
            PendingPair pair = s.duel("Name a fruit.");
            FeedbackResult first = s.feedback(pair.id(), Preference.FIRST);
            assertEquals(1, first.rounds());
            assertFalse(first.duplicate());
            FeedbackResult again = s.feedback(pair.id(), Preference.FIRST);
            assertTrue(again.duplicate());
            assertEquals(1, s.rounds(), "a repeated answer is not a new round");
            assertThrows(PairAlreadyAnsweredException.class, () -> s.feedback(pair.id(), Preference.SECOND));
            assertThrows(PairNotFoundException.class, () -> s.feedback("no-such-pair", Preference.FIRST));
            assertEquals(1, s.rounds(), "refused feedback changes nothing");
            PendingPair skipped = s.duel("Name a tree.");
            assertTrue(s.discard(skipped.id()));
            assertFalse(s.discard(skipped.id()), "already gone");
            assertTrue(s.pendingPairs().isEmpty(), "a skipped pair is not kept");
            assertThrows(PairNotFoundException.class, () -> s.feedback(skipped.id(), Preference.FIRST));
            s.awaitRefits();
            assertEquals(1, s.thetaVersion());
        }
    }

    @Test
    void bothBadIsKeptButNotLearnedFromAndTiesAre() {
        try (UserSession s = UserSession.create("bob", decoder(RealModel.config(8)))) {
            PendingPair a = s.duel("Name a color.");
            s.feedback(a.id(), Preference.BOTH_BAD);
            s.awaitRefits();
            assertEquals(1, s.rounds());
            assertEquals(0, s.thetaVersion(), "both-bad carries no preference: no refit");
            assertEquals(0, s.rewardState().uncertainty().updates(), "both-bad does not enter V");
            PendingPair b = s.duel("Name an animal.");
            s.feedback(b.id(), Preference.TIE);
            s.awaitRefits();
            assertEquals(2, s.rounds());
            assertEquals(1, s.thetaVersion());
            assertEquals(1, s.rewardState().uncertainty().updates());
        }
    }

    @Test
    void saveAndLoadRestoresEverything(@TempDir Path dir) throws Exception {
        DuelingDecoder d = decoder(RealModel.config(16));
        Path file = dir.resolve("carol.tpop.json.gz");
        String answerBefore;
        double[] thetaBefore;
        String pendingId;
        try (UserSession s = UserSession.create("carol", d)) {
            for (String q : new String[] {"Say hello.", "What is 2+2?"}) {
                PendingPair p = s.duel(q);
                s.feedback(p.id(), Preference.SECOND);
            }
            pendingId = s.duel("Unanswered question?").id();
            s.awaitRefits();
            s.save(file);
            answerBefore = s.generate("Tell me a fact.").text();
            thetaBefore = s.rewardState().theta().theta();
        }
        assertTrue(Files.size(file) > 0);
        try (UserSession loaded = UserSession.load(file, d)) {
            assertEquals("carol", loaded.userId());
            assertEquals(2, loaded.rounds());
            assertArrayEquals(thetaBefore, loaded.rewardState().theta().theta());
            assertEquals(2, loaded.rewardState().uncertainty().updates());
            assertEquals(answerBefore, loaded.generate("Tell me a fact.").text());
            // the unanswered pair survived the restart and can still be answered
            loaded.feedback(pendingId, Preference.FIRST);
            assertEquals(3, loaded.rounds());
        }
    }

    @Test
    void aStateFromAnotherFeaturizerIsRefused(@TempDir Path dir) {
        DuelingDecoder d = decoder(RealModel.config(8));
        Path file = dir.resolve("dave.tpop.json.gz");
        try (UserSession s = UserSession.create("dave", d)) {
            s.save(file);
        }
        DuelingDecoder other = decoder(RealModel.config(8).with("featureDimension", 16));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UserSession.load(file, other));
        assertTrue(e.getMessage().contains("featurizer"), e.getMessage());
    }

    @Test
    void aDamagedStateFileIsAClearError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("eve.tpop.json.gz");
        Files.writeString(file, "not a state");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UserSession.load(file, decoder(RealModel.config(8))));
        assertTrue(e.getMessage().contains("cannot read user state"), e.getMessage());
    }
}
