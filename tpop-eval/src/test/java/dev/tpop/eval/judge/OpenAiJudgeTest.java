package dev.tpop.eval.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
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
            OpenAiJudge judge = new OpenAiJudge(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/"), "k123", "gpt-4o");
            judge.probe();
            assertEquals(Verdict.FIRST, judge.compare("concise", "q?", "short one", "a long answer"));
            assertEquals(Verdict.SECOND, judge.compare("concise", "q?", "a long answer", "short one"));
            assertEquals(5, bodies.size(), "the probe, then both orders of each comparison");
            assertTrue(bodies.get(1).contains("\"model\":\"gpt-4o\"") && bodies.get(1).contains("more concise"));
            assertEquals("Bearer k123", auth.get(0));
            assertEquals("remote-gpt-4o-127.0.0.1", judge.id(), "cells of another judge model or host never match");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theProbeSaysWhyAJudgeCannotBeUsed() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", ex -> {
            byte[] reply = "{\"error\":{\"message\":\"Incorrect API key provided\"}}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(401, reply.length);
            ex.getResponseBody().write(reply);
            ex.close();
        });
        server.createContext("/ok-but-no-verdict/v1/chat/completions", ex -> {
            byte[] reply = "{}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, reply.length);
            ex.getResponseBody().write(reply);
            ex.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        try {
            OpenAiJudge wrongKey = new OpenAiJudge(URI.create("http://127.0.0.1:" + port + "/v1"), "wrong", "gpt-4o");
            String why = assertThrows(IllegalStateException.class, wrongKey::probe).getMessage();
            assertTrue(why.contains("HTTP 401") && why.contains("API key") && why.contains("Incorrect API key"), why);
            OpenAiJudge silent = new OpenAiJudge(URI.create("http://127.0.0.1:" + port + "/ok-but-no-verdict/v1"), null, "gpt-4o");
            why = assertThrows(IllegalStateException.class, silent::probe).getMessage();
            assertTrue(why.contains("without choices[0].message.content"), "a judge that never judges is not a tie: " + why);
        } finally {
            server.stop(0);
        }
        OpenAiJudge nobody = new OpenAiJudge(URI.create("http://127.0.0.1:" + port + "/v1"), null, "gpt-4o");
        String why = assertThrows(IllegalStateException.class, nobody::probe).getMessage();
        assertTrue(why.startsWith("cannot reach the judge at http://127.0.0.1:" + port + "/v1/chat/completions: connection refused"), why);
        assertThrows(IllegalArgumentException.class, () -> new OpenAiJudge(URI.create("ftp://x/v1"), null, "m"));
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
