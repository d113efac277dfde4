package dev.tpop.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny JSON client for tests of the native routes and of error answers. */
final class Http {
    record Response(int status, String body) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        /** The error reason of a 4xx answer. */
        String error() {
            return json().path("error").path("message").asText();
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String key;

    Http(int port, String key) {
        this.base = "http://127.0.0.1:" + port;
        this.key = key;
    }

    Http as(String otherKey) {
        return new Http(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), otherKey);
    }

    Response get(String path) { return send("GET", path, null); }

    Response post(String path, String json) { return send("POST", path, json); }

    Response delete(String path) { return send("DELETE", path, null); }

    Response send(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) b.header("Content-Type", "application/json");
        if (key != null) b.header("Authorization", "Bearer " + key);
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        }
    }

    byte[] getBytes(String path) {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key).GET().build();
        try {
            HttpResponse<byte[]> resp = CLIENT.send(r, HttpResponse.BodyHandlers.ofByteArray());
            if (resp.statusCode() != 200) throw new AssertionError("GET " + path + " -> " + resp.statusCode());
            return resp.body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    Response putBytes(String path, byte[] body) {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/gzip").PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> resp = CLIENT.send(r, HttpResponse.BodyHandlers.ofString());
            return new Response(resp.statusCode(), resp.body());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Creates a user with the admin key and returns its API key. */
    String createUser(String user) {
        Response r = as(TestServers.ADMIN_KEY).post("/v1/tpop/users", "{\"user\":\"" + user + "\"}");
        if (r.status() != 201) throw new AssertionError("creating " + user + ": " + r.status() + " " + r.body());
        return r.json().get("api_key").asText();
    }
}
