package dev.tpop.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.URI;
import java.nio.channels.UnresolvedAddressException;
import org.junit.jupiter.api.Test;

/** The words a user reads when an OpenAI-compatible server is misnamed or unreachable. */
class OpenAiEndpointsTest {
    @Test
    void baseUrlsAreHttpWithAHostAndAValidPort() {
        assertEquals(URI.create("http://h:8000/v1/completions"),
                OpenAiEndpoints.resolve(OpenAiEndpoints.baseUrl("--remote", " http://h:8000/v1// ".strip(), "e.g."), "completions"));
        for (String bad : new String[] {"not-a-url", "http://", "ftp://x/v1", "127.0.0.1:9/v1", "http://127.0.0.1:99999/v1", ""}) {
            String why = assertThrows(IllegalArgumentException.class, () -> OpenAiEndpoints.baseUrl("--judge-url", bad, "https://api.openai.com/v1")).getMessage();
            assertTrue(why.startsWith("--judge-url " + bad + " is not an http(s) URL"), why);
        }
    }

    @Test
    void anUnknownHostIsNotCalledARefusal() {
        // the JDK's HttpClient reports a name that does not resolve as a ConnectException around the real cause
        ConnectException wrapped = new ConnectException();
        wrapped.initCause(new UnresolvedAddressException());
        assertEquals("unknown host", OpenAiEndpoints.connectionProblem(wrapped));
        assertEquals("connection refused", OpenAiEndpoints.connectionProblem(new ConnectException()));
        assertEquals("boom", OpenAiEndpoints.connectionProblem(new IllegalStateException("boom")));
    }
}
