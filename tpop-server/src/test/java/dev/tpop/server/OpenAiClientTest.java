package dev.tpop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official OpenAI Java client against tpop serve: chat, streamed chat, models, and a duel through the extension. */
class OpenAiClientTest {
    @TempDir
    static Path dir;
    static TpopServer server;
    static Http http;
    static OpenAIClient client;

    @BeforeAll
    static void start() {
        server = TestServers.start(dir);
        http = new Http(server.port(), TestServers.ADMIN_KEY);
        String key = http.createUser("alice");
        client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + server.port() + "/v1").apiKey(key).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ChatCompletionCreateParams.Builder ask(String question) {
        return ChatCompletionCreateParams.builder().model("tpop").addUserMessage(question).maxCompletionTokens(8).user("alice");
    }

    @Test
    void chatCompletionAndItsStreamAgreeExactly() {
        ChatCompletion c = client.chat().completions().create(ask("Name a fruit.").build());
        assertEquals(1, c.choices().size());
        String text = c.choices().get(0).message().content().orElseThrow();
        assertFalse(text.isBlank(), "an answer");
        StringBuilder joined = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(ask("Name a fruit.").build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(ch -> ch.delta().content().ifPresent(joined::append)));
        }
        assertEquals(text, joined.toString(), "the streamed deltas join to exactly the non-streamed answer");
        assertFalse(joined.toString().contains("\uFFFD"));
    }

    @Test
    void baseModelStreamWithoutUserJoinsToTheSameTextAsWithout() {
        OpenAIClient admin = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + server.port() + "/v1").apiKey(TestServers.ADMIN_KEY).build();
        ChatCompletionCreateParams p = ChatCompletionCreateParams.builder().model("tpop").addUserMessage("Say hello in French.").maxCompletionTokens(10).build();
        String text = admin.chat().completions().create(p).choices().get(0).message().content().orElseThrow();
        StringBuilder joined = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = admin.chat().completions().createStreaming(p)) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(ch -> ch.delta().content().ifPresent(joined::append)));
        }
        assertEquals(text, joined.toString());
    }

    @Test
    void aConversationWithAnEmptySystemMessageIsServed() {
        ChatCompletionCreateParams p = ChatCompletionCreateParams.builder().model("tpop").addSystemMessage("")
                .addUserMessage("Hi.").addAssistantMessage("Hello!").addUserMessage("Name a fruit.").maxCompletionTokens(4).build();
        assertFalse(client.chat().completions().create(p).choices().get(0).message().content().orElseThrow().isBlank());
    }

    @Test
    void modelsListsTheServedModel() {
        List<Model> models = client.models().list().data();
        assertEquals(1, models.size());
        assertEquals(TestServers.backend().modelId(), models.get(0).id());
    }

    @Test
    void duelThroughTheExtensionThenFeedback() {
        ChatCompletion duel = client.chat().completions().create(ask("Describe the sea.")
                .putAdditionalBodyProperty("tpop", JsonValue.from(Map.of("duel", true))).build());
        assertEquals(2, duel.choices().size(), "two arms");
        JsonValue pairId = duel._additionalProperties().get("pair_id");
        assertNotNull(pairId, "the duel names its pair");
        String id = pairId.convert(String.class);
        Http.Response r = http.post("/v1/tpop/pairs/" + id + "/feedback", "{\"user\":\"alice\",\"preference\":\"2\"}");
        assertEquals(200, r.status(), r.body());
        assertEquals(1, r.json().get("rounds").asInt());
        assertEquals(1, http.get("/v1/tpop/users/alice").json().get("rounds").asInt(), "the status agrees");
    }
}
