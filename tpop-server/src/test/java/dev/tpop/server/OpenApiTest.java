package dev.tpop.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /openapi.json documents every route the server has, and nothing it lacks. */
class OpenApiTest {
    @TempDir
    Path dir;

    @Test
    void everyRouteIsDocumented() {
        try (TpopServer server = TestServers.start(dir)) {
            Http.Response r = new Http(server.port(), null).get("/openapi.json");
            assertEquals(200, r.status());
            JsonNode paths = r.json().get("paths");
            int documented = 0;
            for (String route : server.routes()) {
                String method = route.substring(0, route.indexOf(' ')).toLowerCase(Locale.ROOT);
                String path = route.substring(route.indexOf(' ') + 1);
                assertTrue(paths.path(path).has(method), route + " is missing from openapi.json");
            }
            for (JsonNode ops : paths) documented += ops.size();
            assertEquals(server.routes().size(), documented, "openapi.json documents no route the server lacks");
        }
    }
}
