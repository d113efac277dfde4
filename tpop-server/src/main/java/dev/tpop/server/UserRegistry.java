package dev.tpop.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tpop.core.duel.DuelingDecoder;
import dev.tpop.core.duel.Preference;
import dev.tpop.core.session.FeedbackResult;
import dev.tpop.core.session.PendingPair;
import dev.tpop.core.session.UserSession;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * The live {@link UserSession}s of the server and their persistence.
 *
 * <p>Why snapshots of the whole session: {@code UserSession.save} already writes one consistent
 * blob (theta, V, history, open pairs), and storing that blob per version keeps the store schema
 * independent of the learner's internals. Feedback is durable before it is acknowledged: the session
 * records it, and the new snapshot plus the feedback row are committed in one transaction before
 * {@link #feedback} returns. Refits finish later on the session's own thread; a watcher stores a new
 * snapshot when a user's theta version moved, so a restart resumes the latest trained theta (and a
 * theta that lags its history is refitted on load by {@code UserSession}).
 */
public final class UserRegistry implements AutoCloseable {
    private final UserStore store;
    private final DuelingDecoder decoder;
    private final Path scratch;
    private final Map<String, UserSession> live = new ConcurrentHashMap<>();
    private final Map<String, Long> persistedTheta = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watcher;

    public UserRegistry(UserStore store, DuelingDecoder decoder) {
        this.store = store;
        this.decoder = decoder;
        try {
            this.scratch = Files.createTempDirectory("tpop-server");
        } catch (IOException e) {
            throw new IllegalStateException("no temporary directory: " + e.getMessage(), e);
        }
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tpop-snapshots");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(this::persistRefits, 300, 300, TimeUnit.MILLISECONDS);
    }

    public DuelingDecoder decoder() { return decoder; }

    /** The user's session, loaded from its latest snapshot on first use; 404 for an unknown user. */
    public UserSession session(String userId) {
        UserSession s = live.get(userId);
        if (s != null) return s;
        if (!store.userExists(userId)) throw ApiException.notFound("user_not_found", "unknown user '" + userId + "'");
        return live.computeIfAbsent(userId, id -> {
            UserSession loaded = store.latestSnapshot(id).map(snap -> fromBytes(snap.state())).orElseGet(() -> UserSession.create(id, decoder));
            persistedTheta.put(id, loaded.thetaVersion());
            return loaded;
        });
    }

    /** Decodes a pair and stores the session with the open pair, so the pair survives a restart. */
    public PendingPair duel(String userId, String query, int maxTokens, int topK) {
        UserSession s = session(userId);
        PendingPair pair = s.duel(query, maxTokens, topK);
        persist(s, null);
        return pair;
    }

    /** Records feedback and commits it (with a snapshot) before returning; repeated answers are idempotent. */
    public FeedbackResult feedback(String userId, String pairId, Preference preference) {
        UserSession s = session(userId);
        synchronized (s) {
            FeedbackResult r = s.feedback(pairId, preference);
            // a repeat is stored too if the first attempt's commit failed (its reply was an error, the client retried)
            boolean stored = r.duplicate() && store.feedback(userId).stream().anyMatch(f -> f.pairId().equals(pairId));
            if (!stored) persist(s, new UserStore.FeedbackRecord(pairId, preference.name(), System.currentTimeMillis()));
            return r;
        }
    }

    /** The user's current state as the gzip JSON blob {@code UserSession.save} writes. */
    public byte[] export(String userId) {
        return toBytes(session(userId));
    }

    /** Replaces the user's state by an exported one; it must be this user's and use this server's featurizer. */
    public UserSession importState(String userId, byte[] blob) {
        session(userId);
        String owner = ownerOf(blob);
        if (!userId.equals(owner)) {
            throw ApiException.badRequest("this state belongs to user '" + owner + "', not '" + userId + "'");
        }
        UserSession fresh = fromBytes(blob);
        UserSession old = live.put(userId, fresh);
        if (old != null) old.close();
        persistedTheta.put(userId, fresh.thetaVersion());
        persist(fresh, null);
        return fresh;
    }

    /** Forgets the user: session closed, rows deleted. */
    public boolean delete(String userId) {
        UserSession old = live.remove(userId);
        if (old != null) old.close();
        persistedTheta.remove(userId);
        return store.deleteUser(userId);
    }

    private void persist(UserSession s, UserStore.FeedbackRecord feedback) {
        synchronized (s) {
            long theta = s.thetaVersion();
            store.saveSnapshot(s.userId(), theta, s.rounds(), toBytes(s), feedback);
            persistedTheta.put(s.userId(), theta);
        }
    }

    /** Stores a snapshot of every user whose refit finished since its last snapshot. */
    private void persistRefits() {
        for (UserSession s : live.values()) {
            try {
                Long done = persistedTheta.get(s.userId());
                if (done != null && s.thetaVersion() != done && !s.refitInProgress() && live.get(s.userId()) == s) persist(s, null);
            } catch (RuntimeException e) {
                System.getLogger("tpop.server").log(System.Logger.Level.WARNING, "snapshot of user " + s.userId() + " failed: " + e.getMessage());
            }
        }
    }

    private byte[] toBytes(UserSession s) {
        try {
            Path f = Files.createTempFile(scratch, "user", ".json.gz");
            try {
                s.save(f);
                return Files.readAllBytes(f);
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize user '" + s.userId() + "': " + e.getMessage(), e);
        }
    }

    private UserSession fromBytes(byte[] blob) {
        try {
            Path f = Files.createTempFile(scratch, "user", ".json.gz");
            try {
                Files.write(f, blob);
                return UserSession.load(f, decoder);
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read a user state: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static String ownerOf(byte[] blob) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(blob))) {
            JsonNode userId = Json.MAPPER.readTree(in).get("userId");
            if (userId == null || !userId.isTextual()) throw ApiException.badRequest("not a tpop user state: no userId");
            return userId.asText();
        } catch (IOException e) {
            throw ApiException.badRequest("not a tpop user state (expected the gzip JSON of an export): " + e.getMessage());
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
        for (UserSession s : live.values()) s.close();
        live.clear();
    }
}
