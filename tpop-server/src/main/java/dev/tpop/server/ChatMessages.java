package dev.tpop.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tpop.llm.chat.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code messages} of a chat request, read strictly: a non-empty array of {role, content}
 * where content is a string or OpenAI's list of text parts.
 *
 * <p>Why {@link #lastUserMessage}: the dueling decoder and the reward condition on one query x
 * (the paper's setting), so personalized answers and duels answer the last user message; earlier
 * turns are used only by base-model answers. This is documented in openapi.json.
 */
record ChatMessages(List<ChatMessage> messages) {
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool");

    static ChatMessages parse(JsonNode request) {
        JsonNode array = request.get("messages");
        if (array == null || array.isNull()) throw ApiException.badRequest("'messages' is missing: send at least one user message");
        if (!array.isArray()) throw ApiException.badRequest("'messages' must be an array");
        if (array.isEmpty()) throw ApiException.badRequest("'messages' is empty: send at least one user message");
        List<ChatMessage> out = new ArrayList<>();
        for (JsonNode m : array) {
            if (!m.isObject()) throw ApiException.badRequest("each message must be an object with 'role' and 'content'");
            String role = Json.text(m, "role");
            if (role == null || !ROLES.contains(role)) throw ApiException.badRequest("message role must be one of " + ROLES + ", got " + role);
            out.add(new ChatMessage(role.equals("developer") ? "system" : role, content(m.get("content"))));
        }
        return new ChatMessages(out);
    }

    private static String content(JsonNode c) {
        if (c == null || c.isNull()) return "";
        if (c.isTextual()) return c.asText();
        if (c.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : c) {
                if (!part.isObject() || !"text".equals(part.path("type").asText())) {
                    throw ApiException.badRequest("only text content parts are supported");
                }
                sb.append(part.path("text").asText());
            }
            return sb.toString();
        }
        throw ApiException.badRequest("message content must be a string or a list of text parts");
    }

    String lastUserMessage() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                String q = messages.get(i).content();
                if (q.isBlank()) throw ApiException.badRequest("the last user message is empty: ask something");
                return q;
            }
        }
        throw ApiException.badRequest("there is no user message: send at least one message with role 'user'");
    }
}
