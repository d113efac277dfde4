package dev.tpop.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The server's one JSON mapper and the strict reading of request bodies: malformed JSON or a body
 * that is not an object is a 400 with the parser's reason, never a 500.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static ObjectNode object(String body) {
        if (body == null || body.isBlank()) throw ApiException.badRequest("the request body is empty: send a JSON object");
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode o)) throw ApiException.badRequest("the request body must be a JSON object");
        return o;
    }

    /** Writes {@code body} as the JSON response (never through Javalin's mapper, which would quote a String). */
    public static void respond(io.javalin.http.Context ctx, Object body) {
        ctx.contentType("application/json").result(write(body));
    }

    public static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A text field, or null when absent / JSON null; any other type is a 400. */
    public static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) throw ApiException.badRequest("'" + field + "' must be a string");
        return n.asText();
    }

    /** An integer field, or {@code fallback} when absent; a non-integer is a 400. */
    public static Integer integer(JsonNode o, String field, Integer fallback) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) return fallback;
        if (!n.isIntegralNumber() || !n.canConvertToInt()) throw ApiException.badRequest("'" + field + "' must be an integer");
        return n.asInt();
    }

    public static boolean bool(JsonNode o, String field, boolean fallback) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) return fallback;
        if (!n.isBoolean()) throw ApiException.badRequest("'" + field + "' must be true or false");
        return n.asBoolean();
    }
}
