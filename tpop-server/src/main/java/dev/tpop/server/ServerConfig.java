package dev.tpop.server;

import dev.tpop.core.TpopConfig;
import java.nio.file.Path;

/**
 * How a {@code tpop serve} process runs.
 *
 * @param host            interface to bind; 127.0.0.1 by default so a fresh server is not exposed
 * @param port            TCP port, 0 for any free one
 * @param database        the SQLite file of users, feedback and snapshots
 * @param adminKey        the bearer token of management routes (never logged)
 * @param tpop            the T-POP config of every user; its maxNewTokens is the default max_tokens
 * @param maxTokensLimit  the most tokens one request may ask for (bounds the work one request can cause)
 * @param maxPromptChars  longer prompts are refused before tokenizing them
 */
public record ServerConfig(String host, int port, Path database, String adminKey, TpopConfig tpop,
                           int maxTokensLimit, int maxPromptChars) {
    public ServerConfig {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0-65535, got " + port);
        if (maxTokensLimit < 1) throw new IllegalArgumentException("maxTokensLimit must be >= 1");
        if (maxPromptChars < 1) throw new IllegalArgumentException("maxPromptChars must be >= 1");
    }

    public static ServerConfig of(int port, Path database, String adminKey, TpopConfig tpop) {
        return new ServerConfig("127.0.0.1", port, database, adminKey, tpop, 1024, 32_768);
    }
}
