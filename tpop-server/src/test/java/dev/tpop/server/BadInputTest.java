package dev.tpop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad request is a 4xx with a JSON reason, never a 500 or a stack trace. */
class BadInputTest {
    @TempDir
    static Path dir;
    static TpopServer server;
    static Http admin;
    static Http bob;

    @BeforeAll
    static void start() {
        server = TestServers.start(dir);
        admin = new Http(server.port(), TestServers.ADMIN_KEY);
        bob = admin.as(admin.createUser("bob"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void refused(Http.Response r, int status, String reasonContains) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.error().toLowerCase().contains(reasonContains.toLowerCase()), "reason '" + r.error() + "' should mention " + reasonContains);
        assertFalse(r.body().contains("at dev.tpop") || r.body().contains("Exception"), "no stack trace: " + r.body());
    }

    private static String chat(String extra) {
        return "{\"model\":\"tpop\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]" + extra + "}";
    }

    @Test
    void chatRequestsThatCannotBeServed() {
        refused(bob.post("/v1/chat/completions", "{\"model\":\"tpop\",\"messages\":[]}"), 400, "messages");
        refused(bob.post("/v1/chat/completions", "{\"model\":\"tpop\"}"), 400, "messages");
        refused(bob.post("/v1/chat/completions", "{\"model\":\"tpop\",\"messages\":[{\"role\":\"user\",\"content\":\"  \"}]}"), 400, "empty");
        refused(bob.post("/v1/chat/completions", "{\"model\":\"gpt-9\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"), 404, "unknown model");
        refused(bob.post("/v1/chat/completions", chat(",\"max_tokens\":0")), 400, "max_tokens");
        refused(bob.post("/v1/chat/completions", chat(",\"max_tokens\":100000000")), 400, "max_tokens");
        refused(bob.post("/v1/chat/completions", chat(",\"top_k\":100000000")), 400, "vocabulary");
        refused(bob.post("/v1/chat/completions", chat(",\"max_tokens\":\"lots\"")), 400, "integer");
        refused(bob.post("/v1/chat/completions", "{\"model\":\"tpop\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "word ".repeat(8000) + "\"}]}"), 400, "prompt");
        refused(bob.post("/v1/chat/completions", "{\"model\": \"tpop\", \"messages\": [ {"), 400, "malformed JSON");
        refused(bob.post("/v1/chat/completions", "[1,2]"), 400, "object");
        refused(bob.post("/v1/chat/completions", ""), 400, "empty");
    }

    @Test
    void overLongPromptForTheContextIsRefused() {
        // short enough for the character limit, too long for the model's context with the answer
        String longPrompt = "lorem ipsum dolor ".repeat(1800);
        refused(bob.post("/v1/completions", "{\"model\":\"tpop\",\"prompt\":\"" + longPrompt + "\",\"max_tokens\":8}"), 400, "context");
        String longChat = "{\"model\":\"tpop\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"" + longPrompt + "\"}]";
        refused(bob.post("/v1/chat/completions", longChat + "}"), 400, "context");
        refused(bob.post("/v1/chat/completions", longChat + ",\"tpop\":{\"duel\":true}}"), 400, "context");
        refused(bob.post("/v1/tpop/pairs", "{\"prompt\":\"" + longPrompt + "\"}"), 400, "context");
    }

    @Test
    void completionRequestsThatCannotBeServed() {
        refused(bob.post("/v1/completions", "{\"model\":\"tpop\",\"prompt\":\"Hi\",\"logprobs\":1000000}"), 400, "vocabulary");
        refused(bob.post("/v1/completions", "{\"model\":\"tpop\",\"prompt\":[1,2,-5]}"), 400, "token id");
        refused(bob.post("/v1/completions", "{\"model\":\"tpop\",\"prompt\":[]}"), 400, "empty");
        refused(bob.post("/v1/completions", "{\"model\":\"tpop\",\"prompt\":{\"a\":1}}"), 400, "prompt");
        refused(bob.post("/v1/completions", "{\"model\":\"tpop\"}"), 400, "prompt");
    }

    @Test
    void pairsAndFeedbackThatCannotBeServed() {
        refused(bob.post("/v1/tpop/pairs/no-such-pair/feedback", "{\"preference\":\"1\"}"), 404, "unknown pair");
        refused(bob.post("/v1/tpop/pairs/x/feedback", "{\"preference\":\"maybe\"}"), 400, "preference");
        refused(bob.post("/v1/tpop/pairs", "{\"prompt\":\"\"}"), 400, "empty");
        refused(bob.post("/v1/tpop/pairs", "{\"prompt\":\"Hi\",\"max_tokens\":0}"), 400, "max_tokens");
        refused(admin.post("/v1/tpop/users", "{\"user\":\"bad user!\"}"), 400, "user id");
        refused(admin.post("/v1/tpop/users", "{\"user\":\"bob\"}"), 409, "exists");
        refused(admin.get("/v1/tpop/users/nobody"), 404, "unknown user");
        refused(bob.get("/v1/no/such/route"), 404, "no route");
    }

    @Test
    void missingOrWrongKeys() {
        refused(bob.as(null).post("/v1/chat/completions", chat("")), 401, "API key");
        refused(bob.as("tpk-not-a-key").post("/v1/chat/completions", chat("")), 401, "unknown API key");
        refused(bob.post("/v1/tpop/users", "{\"user\":\"eve\"}"), 403, "admin");
    }
}
