package dev.tpop.eval.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Finished cells of an evaluation as one JSON file each under {@code OUT/cells/}, which is what makes
 * a long run resumable: a rerun loads every finished cell and computes only the missing ones. Files
 * are written to a temporary name and moved into place, so an interrupted run never leaves a
 * half-written cell that a rerun would trust.
 */
public final class CellStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path dir;

    public CellStore(Path outDir) {
        this.dir = outDir.resolve("cells");
    }

    /** A file-name-safe key from its parts, e.g. {@code concise__LA__s0}. */
    public static String key(Object... parts) {
        StringBuilder b = new StringBuilder();
        for (Object p : parts) {
            if (!b.isEmpty()) b.append("__");
            b.append(String.valueOf(p).replaceAll("[^A-Za-z0-9._-]", "_"));
        }
        return b.toString();
    }

    public <T> Optional<T> load(String key, Class<T> type) {
        Path f = dir.resolve(key + ".json");
        if (!Files.isRegularFile(f)) return Optional.empty();
        try {
            return Optional.of(JSON.readValue(f.toFile(), type));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read finished cell " + f + " (delete it to recompute): " + e.getMessage(), e);
        }
    }

    public void save(String key, Object value) {
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(key + ".json.tmp");
            JSON.writeValue(tmp.toFile(), value);
            Files.move(tmp, dir.resolve(key + ".json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write cell " + key + " under " + dir, e);
        }
    }
}
