package dev.tpop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User A's key can neither read nor change user B, by any route. */
class SecurityTest {
    @TempDir
    static Path dir;
    static TpopServer server;
    static Http a;
    static Http b;

    @BeforeAll
    static void start() {
        server = TestServers.start(dir);
        Http admin = new Http(server.port(), TestServers.ADMIN_KEY);
        a = admin.as(admin.createUser("user-a"));
        b = admin.as(admin.createUser("user-b"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void userAsKeyCannotReadOrModifyUserB() {
        String bPair = b.post("/v1/tpop/pairs", "{\"prompt\":\"Name a bird.\",\"max_tokens\":4}").json().get("pair_id").asText();

        assertEquals(403, a.get("/v1/tpop/users/user-b").status(), "read B's status");
        assertEquals(403, a.get("/v1/tpop/users/user-b/state").status(), "export B's state");
        assertEquals(403, a.putBytes("/v1/tpop/users/user-b/state", new byte[] {1, 2, 3}).status(), "import into B");
        assertEquals(403, a.delete("/v1/tpop/users/user-b").status(), "delete B");
        assertEquals(403, a.post("/v1/tpop/pairs", "{\"user\":\"user-b\",\"prompt\":\"Hi\"}").status(), "duel as B");
        assertEquals(403, a.post("/v1/tpop/pairs/" + bPair + "/feedback", "{\"user\":\"user-b\",\"preference\":\"1\"}").status(),
                "answer B's pair naming B");
        Http.Response foreign = a.post("/v1/tpop/pairs/" + bPair + "/feedback", "{\"preference\":\"1\"}");
        assertEquals(404, foreign.status(), "B's pair id is unknown to A: " + foreign.body());
        assertEquals(403, a.post("/v1/chat/completions",
                "{\"model\":\"tpop\",\"user\":\"user-b\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}").status(), "chat as B");
        assertEquals(403, a.get("/v1/tpop/users").status(), "list users is admin-only");

        Http.Response bStatus = b.get("/v1/tpop/users/user-b");
        assertEquals(200, bStatus.status());
        assertEquals(0, bStatus.json().get("rounds").asInt(), "nothing A did reached B");
        assertEquals(1, bStatus.json().get("open_pairs").asInt(), "B's pair is still open");
        assertEquals(200, b.post("/v1/tpop/pairs/" + bPair + "/feedback", "{\"preference\":\"1\"}").status(), "B can answer it");
    }
}
