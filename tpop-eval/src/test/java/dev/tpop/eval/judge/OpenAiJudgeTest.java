package dev.tpop.eval.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The remote judge against a local fake of an OpenAI-compatible server (no internet needed). */
class OpenAiJudgeTest {
    @Test
    void asksBothOrdersWithTheKeyAndCombinesThem() throws Exception {
        List<String> bodies = new ArrayList<>();
        List<String> auth = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            auth.add(ex.getRequestHeaders().getFirst("Authorization"));
            // a judge that always prefers the answer containing "short"
            int a = body.indexOf("Response A: "), b = body.indexOf("Response B: ");
            String letter = body.substring(a, b).contains("short") ? "A" : "B";
            byte[] reply = ("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"" + letter + "\"}}]}").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, reply.length);
            ex.getResponseBody().write(reply);
            ex.close();
        });
        server.start();
        try {
            OpenAiJudge judge = new OpenAiJudge("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/", "k123", "gpt-4o");
            assertEquals(Verdict.FIRST, judge.compare("concise", "q?", "short one", "a long answer"));
            assertEquals(Verdict.SECOND, judge.compare("concise", "q?", "a long answer", "short one"));
            assertEquals(4, bodies.size());
            assertTrue(bodies.get(0).contains("\"model\":\"gpt-4o\"") && bodies.get(0).contains("more concise"));
            assertEquals("Bearer k123", auth.get(0));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aJudgeThatFollowsThePositionGivesATie() {
        PositionSwappedJudge alwaysA = new PositionSwappedJudge() {
            @Override protected Verdict askOnce(String attribute, String q, String a, String b) { return Verdict.FIRST; }
            @Override public String name() { return "always A"; }
        };
        assertEquals(Verdict.TIE, alwaysA.compare("concise", "q", "x", "y"));
        assertEquals(Verdict.FIRST, OpenAiJudge.parse(" a."));
        assertEquals(Verdict.TIE, OpenAiJudge.parse("neither"));
    }

    @Test
    void winRatesCountTies() {
        WinRate w = WinRate.of(List.of(Verdict.FIRST, Verdict.TIE, Verdict.SECOND, Verdict.FIRST));
        assertEquals(new WinRate(2, 1, 1), w);
        assertEquals("2 / 1 / 1 (50%)", w.format());
    }
}
