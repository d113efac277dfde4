package dev.tpop.server;

/**
 * A request the server refuses, with the HTTP status and a reason a client can act on. Rendered as
 * OpenAI's error shape {@code {"error": {"message", "type", "code"}}} so OpenAI clients surface the
 * message; nothing else (no stack trace) ever reaches the client.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "invalid_request", message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }

    public int status() { return status; }

    public String code() { return code; }

    /** OpenAI's error "type" for this status. */
    public String type() {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 409 -> "conflict_error";
            case 413 -> "request_too_large";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }
}
