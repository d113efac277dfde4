package dev.tpop.server;

import dev.tpop.core.TpopConfig;
import dev.tpop.core.backend.LocalBackend;
import dev.tpop.llm.ModelLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts a server from plain {@code --key=value} arguments. The CLI's {@code tpop serve} is the
 * user-facing entry; this one exists so tests can run the server as a child JVM (and kill it hard)
 * without depending on the CLI module. Prints {@code tpop serve listening on http://HOST:PORT} once
 * ready.
 */
public final class ServerMain {
    private ServerMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) throw new IllegalArgumentException("arguments are --key=value, got " + arg);
            a.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        TpopConfig tpop = TpopConfig.defaults();
        if (a.containsKey("max-new-tokens")) tpop = tpop.with("maxNewTokens", Integer.parseInt(a.get("max-new-tokens")));
        if (a.containsKey("featurizer")) tpop = tpop.with("featurizer", a.get("featurizer"));
        Path data = Path.of(a.getOrDefault("data", "tpop-data"));
        String adminKey = adminKey(a.containsKey("admin-key-file") ? Path.of(a.get("admin-key-file")) : data.resolve("admin.key"));
        ServerConfig config = new ServerConfig(a.getOrDefault("host", "127.0.0.1"), Integer.parseInt(a.getOrDefault("port", "8080")),
                data.resolve("tpop.db"), adminKey, tpop, 1024, 32_768);
        start(config, a.getOrDefault("model", "default"));
    }

    /** Loads the model, starts the server, prints where it listens, and keeps it running until the JVM ends. */
    public static TpopServer start(ServerConfig config, String modelSpec) {
        LocalBackend backend = LocalBackend.load(ModelLocator.resolve(modelSpec));
        TpopServer server = new TpopServer(config, backend, new SqliteUserStore(config.database()));
        int port = server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "tpop-shutdown"));
        System.out.println("tpop serve listening on http://" + config.host() + ":" + port + " (model " + backend.modelId() + ")");
        System.out.flush();
        return server;
    }

    /**
     * The admin key: the environment's TPOP_ADMIN_KEY, else the file's content, else a new random key
     * written to the file (owner-only permissions). Only the file's path is ever printed.
     */
    public static String adminKey(Path file) throws IOException {
        String env = System.getenv("TPOP_ADMIN_KEY");
        if (env != null && !env.isBlank()) return env.trim();
        if (Files.isRegularFile(file)) return Files.readString(file).trim();
        Files.createDirectories(file.toAbsolutePath().getParent());
        String key = ApiKeys.generate("tpa-");
        Files.writeString(file, key + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: the file keeps the default permissions
        }
        System.out.println("tpop serve: new admin key written to " + file.toAbsolutePath());
        return key;
    }
}
