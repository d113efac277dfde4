package dev.tpop.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tpop.core.Personalizer;
import dev.tpop.core.TpopConfig;
import dev.tpop.core.backend.DecodingBatch;
import dev.tpop.core.backend.LocalBackend;
import dev.tpop.core.backend.NextTokens;
import dev.tpop.core.backend.RemoteBackend;
import dev.tpop.core.duel.Preference;
import dev.tpop.core.reward.RewardNetwork;
import dev.tpop.core.session.PendingPair;
import dev.tpop.core.session.UserSession;
import dev.tpop.llm.chat.ChatMessage;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RemoteBackend against a second, real {@code tpop serve} process: it sees exactly the local
 * engine's top-k, decodes the same greedy answer, and personalizes (duel, feedback, refit) through
 * the HTTP top-k source with the text-encoder featurizer.
 */
class RemoteBackendTest {
    @TempDir
    Path dir;

    @Test
    void personalizesThroughASecondTpopServeProcess() throws Exception {
        LocalBackend local = TestServers.backend();
        try (ChildServer remoteServer = ChildServer.start(dir);
             RemoteBackend remote = RemoteBackend.forGguf(URI.create("http://127.0.0.1:" + remoteServer.port() + "/v1"), "tpop",
                     TestServers.ADMIN_KEY, TestServers.modelPath())) {
            List<ChatMessage> messages = List.of(ChatMessage.user("Name a color."));
            int[] prompt = remote.promptTokens(messages);
            assertArrayEquals(local.promptTokens(messages), prompt, "the same prompt ids on both sides");

            NextTokens fromServer = remote.topK(prompt, 10);
            NextTokens fromEngine;
            try (DecodingBatch b = local.start(messages, 1, 10, 1)) {
                fromEngine = b.next(0);
            }
            assertArrayEquals(fromEngine.tokenIds(), fromServer.tokenIds(), "the server's top-k is the engine's");
            for (int i = 0; i < 10; i++) assertEquals(fromEngine.logProbs()[i], fromServer.logProbs()[i], 1e-4);

            TpopConfig config = TpopConfig.defaults().with("featurizer", "minilm").with("maxNewTokens", 6).with("topK", 5)
                    .with("refitEpochs", 10);
            TpopConfig base = config.with("omega", 0.0);
            RewardNetwork theta0 = RewardNetwork.initialize(384, config.hiddenUnits(), config.seed());
            String viaServer = Personalizer.withBackend(remote, base).decoder().generate("Name a color.", theta0).text();
            String viaEngine = Personalizer.withBackend(local, base).decoder().generate("Name a color.", theta0).text();
            assertEquals(viaEngine, viaServer, "greedy through the server = greedy in-process");

            try (UserSession user = UserSession.create("remote-user", Personalizer.withBackend(remote, config).decoder())) {
                PendingPair pair = user.duel("Describe the sky.");
                assertFalse(pair.duel().exploit().text().isBlank());
                user.feedback(pair.id(), Preference.SECOND);
                user.awaitRefits();
                assertEquals(1, user.rounds());
                assertEquals(1, user.thetaVersion(), "the reward was refit on feedback gathered through the remote backend");
                assertFalse(user.generate("Describe the sky.").text().isBlank());
            }
            assertThrows(IllegalArgumentException.class, () -> Personalizer.withBackend(remote, TpopConfig.defaults()),
                    "the base featurizer needs hidden states a server cannot give");
        }
    }

    @Test
    void aServerErrorIsReportedWithItsReason() throws Exception {
        try (TpopServer server = TestServers.start(dir);
             RemoteBackend wrongKey = RemoteBackend.forGguf(URI.create("http://127.0.0.1:" + server.port() + "/v1"), "tpop",
                     "tpk-wrong", TestServers.modelPath())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> wrongKey.topK(new int[] {1, 2, 3}, 5));
            assertEquals(true, e.getMessage().contains("401"), e.getMessage());
        }
    }
}
