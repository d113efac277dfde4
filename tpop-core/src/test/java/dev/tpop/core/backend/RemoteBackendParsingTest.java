package dev.tpop.core.backend;

import dev.tpop.llm.ModelLocator;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How RemoteBackend reads a server's answers, against a canned HTTP server: ordering and missing
 * values, and clear errors for servers that cannot be a top-k source. (The end-to-end test against a
 * real tpop serve process lives in tpop-server.)
 */
class RemoteBackendParsingTest {
    private HttpServer server;
    private final AtomicReference<String> answer = new AtomicReference<>();
    private final AtomicReference<String> request = new AtomicReference<>();
    private RemoteBackend remote;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/completions", ex -> {
            request.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(answer.get().contains("\"error\"") ? 400 : 200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        Path gguf = Path.of(ModelLocator.cacheDirectory().toString(),
                "SmolLM2-135M-Instruct.Q4_1.gguf");
        remote = RemoteBackend.forGguf(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/"), "m", "secret", gguf);
    }

    @AfterEach
    void stop() {
        remote.close();
        server.stop(0);
    }

    private static String topLogprobs(String entries) {
        return "{\"choices\":[{\"text\":\"x\",\"logprobs\":{\"top_logprobs\":[{" + entries + "}]}}]}";
    }

    @Test
    void candidatesAreSortedBestFirstAndNullIsMinusInfinity() {
        answer.set(topLogprobs("\"token_id:7\":-2.0,\"token_id:5\":-0.5,\"token_id:9\":null,\"token_id:3\":-2.0"));
        NextTokens next = remote.topK(new int[] {1, 2}, 4);
        assertArrayEquals(new int[] {5, 3, 7, 9}, next.tokenIds(), "by log-probability, ties to the lower id");
        assertEquals(Float.NEGATIVE_INFINITY, next.logProbs()[3]);
        assertTrue(request.get().contains("\"prompt\":[1,2]") && request.get().contains("\"return_tokens_as_token_ids\":true"),
                "token-id prompt, ids requested: " + request.get());
        assertEquals(2, remote.topK(new int[] {1}, 2).size(), "at most k");
    }

    @Test
    void serversThatCannotBeATopKSourceAreNamedClearly() {
        answer.set(topLogprobs("\" the\":-0.1"));
        assertTrue(assertThrows(IllegalStateException.class, () -> remote.topK(new int[] {1}, 1)).getMessage()
                .contains("return_tokens_as_token_ids"));
        answer.set("{\"choices\":[{\"text\":\"x\",\"logprobs\":null}]}");
        assertTrue(assertThrows(IllegalStateException.class, () -> remote.topK(new int[] {1}, 1)).getMessage().contains("logprobs"));
        answer.set("{\"error\":{\"message\":\"model overloaded\"}}");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> remote.topK(new int[] {1}, 1));
        assertTrue(e.getMessage().contains("400") && e.getMessage().contains("model overloaded"), e.getMessage());
        assertTrue(!e.getMessage().contains("secret"), "the key never appears in errors");
        answer.set(topLogprobs("\"token_id:99999999\":-0.1"));
        assertTrue(assertThrows(IllegalStateException.class, () -> remote.topK(new int[] {1}, 1)).getMessage().contains("vocabulary"));
    }
}
