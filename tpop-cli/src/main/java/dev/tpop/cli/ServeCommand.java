package dev.tpop.cli;

import dev.tpop.core.TpopConfig;
import dev.tpop.server.ServerConfig;
import dev.tpop.server.ServerMain;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tpop serve}: the OpenAI-compatible HTTP server with duels, feedback and the web page. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve tpop over HTTP, offline, on the embedded model.",
                "OpenAI-compatible /v1/chat/completions, /v1/completions (with top-k logprobs) and /v1/models;"
                        + " native duel/feedback/user routes under /v1/tpop; a web page at /; the API at /openapi.json.",
                "Users, feedback and state snapshots live in DATA/tpop.db (SQLite). The admin key is TPOP_ADMIN_KEY,"
                        + " or DATA/admin.key (created on first start; only its path is printed)."})
public final class ServeCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to listen on. Default: ${DEFAULT-VALUE} (this machine only).")
    String host;

    @Option(names = {"-P", "--port"}, defaultValue = "8080", description = "TCP port (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--data", defaultValue = "tpop-data", paramLabel = "DIR", description = "Folder of the database and the admin key. Default: ${DEFAULT-VALUE}.")
    Path data;

    @Option(names = "--max-tokens-limit", defaultValue = "1024", paramLabel = "N",
            description = "The most tokens one request may ask for. Default: ${DEFAULT-VALUE}.")
    int maxTokensLimit;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every user's reward initialization. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        engine.requireLocal("serve", "the server's plain completions and duels run on the in-process engine");
        TpopConfig config = engine.config(seed);
        String adminKey = ServerMain.adminKey(data.resolve("admin.key"));
        ServerConfig server = new ServerConfig(host, port, data.resolve("tpop.db"), adminKey, config, maxTokensLimit, 32_768);
        ServerMain.start(server, engine.model);
        new CountDownLatch(1).await(); // serve until the process is stopped; the shutdown hook closes the server
        return 0;
    }
}
