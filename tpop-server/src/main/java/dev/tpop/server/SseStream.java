package dev.tpop.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A server-sent-events response as OpenAI streams it: {@code data: JSON} events, then
 * {@code data: [DONE]}. Written straight to the servlet stream and flushed per event, so a client
 * sees each delta when it is produced. Everything a request can get wrong is checked before the
 * stream is opened, so errors are still plain JSON 4xx responses.
 */
final class SseStream {
    private final OutputStream out;

    SseStream(Context ctx) {
        try {
            ctx.res().setStatus(200);
            ctx.res().setContentType("text/event-stream;charset=utf-8");
            ctx.res().setHeader("Cache-Control", "no-cache");
            this.out = ctx.res().getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(Object event) {
        write("data: " + Json.write(event) + "\n\n");
    }

    void done() {
        write("data: [DONE]\n\n");
    }

    private void write(String s) {
        try {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the client went away", e);
        }
    }
}
