package dev.tpop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feedback, snapshots, restart, export/import and deletion through the native routes and the SQLite store. */
class PersistenceTest {
    @TempDir
    Path dir;

    private static String pair(Http user, String prompt) {
        Http.Response r = user.post("/v1/tpop/pairs", "{\"prompt\":\"" + prompt + "\",\"max_tokens\":6}");
        assertEquals(200, r.status(), r.body());
        JsonNode responses = r.json().get("responses");
        assertEquals(2, responses.size());
        return r.json().get("pair_id").asText();
    }

    @Test
    void feedbackIsStoredIdempotentAndARestartedServerResumesTheUser() throws Exception {
        String key;
        String first;
        try (TpopServer server = TestServers.start(dir)) {
            Http admin = new Http(server.port(), TestServers.ADMIN_KEY);
            key = admin.createUser("carol");
            Http carol = admin.as(key);
            first = pair(carol, "Name a tree.");
            Http.Response ack = carol.post("/v1/tpop/pairs/" + first + "/feedback", "{\"preference\":\"1\"}");
            assertEquals(1, ack.json().get("rounds").asInt());
            assertFalse(ack.json().get("duplicate").asBoolean());
            Http.Response again = carol.post("/v1/tpop/pairs/" + first + "/feedback", "{\"preference\":\"arm1\"}");
            assertTrue(again.json().get("duplicate").asBoolean(), "repeated feedback is idempotent");
            assertEquals(1, again.json().get("rounds").asInt());
            assertEquals(409, carol.post("/v1/tpop/pairs/" + first + "/feedback", "{\"preference\":\"2\"}").status(),
                    "a different answer to an answered pair is a conflict");
            String tie = pair(carol, "Name a river.");
            carol.post("/v1/tpop/pairs/" + tie + "/feedback", "{\"preference\":\"tie\"}");
            pair(carol, "Name a mountain."); // left open across the restart
            waitForRefit(carol);
            JsonNode status = carol.get("/v1/tpop/users/carol").json();
            assertEquals(2, status.get("rounds").asInt());
            assertEquals(2, status.get("stored_feedback").asInt());
            assertTrue(status.get("theta_version").asLong() >= 1, "the refit ran in the background");
        }
        try (TpopServer restarted = TestServers.start(dir)) {
            Http carol = new Http(restarted.port(), key);
            JsonNode status = carol.get("/v1/tpop/users/carol").json();
            assertEquals(2, status.get("rounds").asInt(), "rounds survive a restart");
            assertEquals(1, status.get("open_pairs").asInt(), "open pairs survive a restart");
            assertTrue(status.get("theta_version").asLong() >= 1, "the trained theta survives a restart");
            assertTrue(carol.post("/v1/tpop/pairs/" + first + "/feedback", "{\"preference\":\"1\"}").json().get("duplicate").asBoolean(),
                    "the answered pair is remembered after a restart");
            List<UserStore.FeedbackRecord> stored;
            try (SqliteUserStore store = new SqliteUserStore(dir.resolve("tpop.db"))) {
                stored = store.feedback("carol");
            }
            assertEquals(List.of("FIRST", "TIE"), stored.stream().map(UserStore.FeedbackRecord::preference).toList());
        }
    }

    @Test
    void feedbackIsAcknowledgedWithoutWaitingForTheRefit() {
        // a refit long enough to be surely running when the acknowledgement comes back
        try (TpopServer server = TestServers.start(dir, TestServers.config().with("refitEpochs", 20_000))) {
            Http admin = new Http(server.port(), TestServers.ADMIN_KEY);
            Http hank = admin.as(admin.createUser("hank"));
            String p = pair(hank, "Name a fish.");
            JsonNode ack = hank.post("/v1/tpop/pairs/" + p + "/feedback", "{\"preference\":\"1\"}").json();
            assertEquals(1, ack.get("rounds").asInt());
            assertEquals(0, ack.get("theta_version").asLong(), "acknowledged before the refit finished");
            assertTrue(ack.get("refit_in_progress").asBoolean());
            waitForRefit(hank);
            assertEquals(1, hank.get("/v1/tpop/me").json().get("theta_version").asLong());
        }
    }

    @Test
    void exportImportAndDelete() {
        try (TpopServer server = TestServers.start(dir)) {
            Http admin = new Http(server.port(), TestServers.ADMIN_KEY);
            Http dave = admin.as(admin.createUser("dave"));
            String p = pair(dave, "Name a star.");
            dave.post("/v1/tpop/pairs/" + p + "/feedback", "{\"preference\":\"2\"}");
            waitForRefit(dave);
            byte[] exported = dave.getBytes("/v1/tpop/users/dave/state");
            assertTrue(exported.length > 100);

            String p2 = pair(dave, "Name a planet.");
            dave.post("/v1/tpop/pairs/" + p2 + "/feedback", "{\"preference\":\"both_bad\"}");
            assertEquals(2, dave.get("/v1/tpop/users/dave").json().get("rounds").asInt());

            Http.Response imported = dave.putBytes("/v1/tpop/users/dave/state", exported);
            assertEquals(200, imported.status(), imported.body());
            assertEquals(1, dave.get("/v1/tpop/users/dave").json().get("rounds").asInt(), "the import restored the exported state");
            assertEquals(400, dave.putBytes("/v1/tpop/users/dave/state", new byte[] {31, -117, 0}).status(), "garbage is a 400");

            Http erin = admin.as(admin.createUser("erin"));
            assertEquals(400, erin.putBytes("/v1/tpop/users/erin/state", exported).status(), "dave's state is not erin's");

            assertEquals(200, admin.delete("/v1/tpop/users/dave").status());
            assertEquals(404, admin.get("/v1/tpop/users/dave").status(), "deleted users are gone");
            assertEquals(401, dave.get("/v1/tpop/users/dave").status(), "and so is their key");
            try (SqliteUserStore store = new SqliteUserStore(dir.resolve("tpop.db"))) {
                assertTrue(store.feedback("dave").isEmpty());
                assertTrue(store.latestSnapshot("dave").isEmpty());
            }
        }
    }

    static void waitForRefit(Http user) {
        long end = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < end) {
            JsonNode s = user.get("/v1/tpop/me").json();
            if (!s.get("refit_in_progress").asBoolean() && s.get("theta_version").asLong() >= 1) {
                try {
                    Thread.sleep(700); // the snapshot watcher stores the refit within 300 ms
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("no refit within 60 s");
    }
}
