package dev.tpop.server;

import dev.tpop.core.Personalizer;
import dev.tpop.core.backend.LocalBackend;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tpop serve}: the HTTP face of tpop on the in-process engine. Wires the store, the user
 * registry, authentication and the routes, and maps every failure to a JSON error (4xx for anything a
 * client did, a bare 500 without internals otherwise). Requests are logged by method and path only:
 * bodies and headers carry prompts and keys, which never reach a log.
 */
public final class TpopServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("tpop.server");

    private final ServerConfig config;
    private final UserStore store;
    private final UserRegistry users;
    private final Javalin app;
    private final List<String> routes = new ArrayList<>();

    /** A server on {@code backend} (which it does not close: tests share one model) and {@code store} (which it closes). */
    public TpopServer(ServerConfig config, LocalBackend backend, UserStore store) {
        this.config = config;
        this.store = store;
        Personalizer personalizer = Personalizer.withBackend(backend, config.tpop());
        this.users = new UserRegistry(store, personalizer.decoder());
        Authenticator auth = new Authenticator(config.adminKey(), store);
        RequestLimits limits = new RequestLimits(backend.modelId(), backend.vocabularySize(), config.tpop().maxNewTokens(),
                Math.min(config.maxTokensLimit(), backend.model().config().contextLength()), config.maxPromptChars());
        ChatRoutes chat = new ChatRoutes(auth, users, personalizer, backend, limits);
        CompletionRoutes completions = new CompletionRoutes(auth, backend, limits);
        NativeRoutes tpop = new NativeRoutes(auth, store, users, limits, config.tpop().topK());
        String index = resource("index.html");
        String openapi = resource("openapi.json");
        this.app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.concurrency.useVirtualThreads = true;
            c.http.maxRequestSize = 64L * 1024 * 1024;
            c.router.ignoreTrailingSlashes = true;
            c.jetty.host = config.host();
            c.jetty.port = config.port();
            RoutesConfig r = c.routes;
            route(r, HandlerType.GET, "/", ctx -> ctx.html(index));
            route(r, HandlerType.GET, "/openapi.json", ctx -> ctx.contentType("application/json").result(openapi));
            route(r, HandlerType.GET, "/v1/models", chat::models);
            route(r, HandlerType.POST, "/v1/chat/completions", chat::chat);
            route(r, HandlerType.POST, "/v1/completions", completions::complete);
            route(r, HandlerType.POST, "/v1/tpop/users", tpop::createUser);
            route(r, HandlerType.GET, "/v1/tpop/users", tpop::listUsers);
            route(r, HandlerType.GET, "/v1/tpop/users/{user}", tpop::status);
            route(r, HandlerType.GET, "/v1/tpop/me", tpop::me);
            route(r, HandlerType.DELETE, "/v1/tpop/users/{user}", tpop::delete);
            route(r, HandlerType.GET, "/v1/tpop/users/{user}/state", tpop::exportState);
            route(r, HandlerType.PUT, "/v1/tpop/users/{user}/state", tpop::importState);
            route(r, HandlerType.POST, "/v1/tpop/pairs", tpop::createPair);
            route(r, HandlerType.POST, "/v1/tpop/pairs/{pair}/feedback", tpop::feedback);
            r.exception(ApiException.class, (e, ctx) -> error(ctx, e));
            r.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, ApiException.badRequest(e.getMessage())));
            r.exception(Exception.class, (e, ctx) -> {
                LOG.log(System.Logger.Level.ERROR, ctx.method() + " " + ctx.path() + " failed", e);
                error(ctx, new ApiException(500, "internal_error", "internal error; the server log has the details"));
            });
            r.error(404, ctx -> {
                String type = ctx.res().getContentType();
                if (type == null || !type.startsWith("application/json")) { // Javalin's own "Endpoint ... not found" text
                    error(ctx, ApiException.notFound("no_such_route", "no route " + ctx.method() + " " + ctx.path() + "; see /openapi.json"));
                }
            });
            r.error(405, ctx -> error(ctx, new ApiException(405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path())));
            r.after(ctx -> {
                if (ctx.method() != HandlerType.GET || ctx.statusCode() >= 400) {
                    LOG.log(System.Logger.Level.INFO, ctx.method() + " " + routeOf(ctx) + " -> " + ctx.statusCode());
                }
            });
        });
    }

    /** Every route as "METHOD /path", in registration order (the OpenAPI test checks each is documented). */
    public List<String> routes() { return List.copyOf(routes); }

    private void route(RoutesConfig r, HandlerType method, String path, Handler handler) {
        r.addHttpHandler(method, path, handler);
        routes.add(method + " " + path);
    }

    /** Starts listening; returns the port (the bound one when the config says 0). */
    public int start() {
        app.start();
        return app.port();
    }

    public int port() { return app.port(); }

    public UserRegistry users() { return users; }

    @Override
    public void close() {
        app.stop();
        users.close();
        store.close();
    }

    /** The matched route pattern (ids stay out of the log), or "(no route)". */
    private static String routeOf(Context ctx) {
        try {
            var endpoint = ctx.endpoints().lastHttpEndpoint();
            return endpoint == null ? "(no route)" : endpoint.path;
        } catch (RuntimeException e) {
            return "(no route)";
        }
    }

    private static void error(Context ctx, ApiException e) {
        ctx.status(e.status());
        var err = Json.newObject();
        err.putObject("error").put("message", e.getMessage()).put("type", e.type()).put("code", e.code()).putNull("param");
        Json.respond(ctx, err);
    }

    private static String resource(String name) {
        try (InputStream in = TpopServer.class.getResourceAsStream("/tpop-server/" + name)) {
            if (in == null) throw new IllegalStateException("resource /tpop-server/" + name + " missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
