package dev.tpop.llm.gguf;

/** A GGUF file that cannot be used: missing, truncated, corrupt, or of a kind we do not support. */
public class GgufException extends RuntimeException {
    public GgufException(String message) {
        super(message);
    }

    public GgufException(String message, Throwable cause) {
        super(message, cause);
    }
}
