package dev.tpop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kill -9 right after a feedback was acknowledged; the restarted server has that feedback and the user's state. */
class CrashRestartTest {
    @TempDir
    Path dir;

    @Test
    void acknowledgedFeedbackSurvivesAHardKill() throws Exception {
        String key;
        String pairId;
        try (ChildServer first = ChildServer.start(dir)) {
            Http admin = new Http(first.port(), TestServers.ADMIN_KEY);
            key = admin.createUser("gina");
            Http gina = admin.as(key);
            Http.Response pair = gina.post("/v1/tpop/pairs", "{\"prompt\":\"Name a flower.\",\"max_tokens\":5}");
            assertEquals(200, pair.status(), pair.body());
            pairId = pair.json().get("pair_id").asText();
            Http.Response ack = gina.post("/v1/tpop/pairs/" + pairId + "/feedback", "{\"preference\":\"2\"}");
            assertEquals(200, ack.status(), ack.body());
            first.kill(); // at once: the refit this feedback started is most likely still running
        }
        try (ChildServer second = ChildServer.start(dir)) {
            Http gina = new Http(second.port(), key);
            JsonNode status = gina.get("/v1/tpop/users/gina").json();
            assertEquals(1, status.get("rounds").asInt(), "the acknowledged feedback is there: " + status);
            assertEquals(1, status.get("stored_feedback").asInt());
            Http.Response again = gina.post("/v1/tpop/pairs/" + pairId + "/feedback", "{\"preference\":\"2\"}");
            assertTrue(again.json().get("duplicate").asBoolean(), "the pair is known as answered: " + again.body());
            PersistenceTest.waitForRefit(gina);
            assertTrue(gina.get("/v1/tpop/me").json().get("theta_version").asLong() >= 1,
                    "theta is (re)fitted on the recovered history");
        }
        try (Stream<Path> logs = Files.list(dir)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".err")).toList()) {
                String text = Files.readString(log);
                assertTrue(text.contains("/v1/tpop/pairs"), "the log has the requests");
                assertFalse(text.contains(key) || text.contains(TestServers.ADMIN_KEY) || text.contains("Name a flower"),
                        "no keys and no prompts in the server log");
            }
        }
    }
}
