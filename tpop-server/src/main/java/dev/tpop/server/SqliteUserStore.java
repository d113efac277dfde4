package dev.tpop.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The default {@link UserStore}: one SQLite file in WAL mode with {@code synchronous=FULL}, so a
 * committed transaction is on disk before the call returns (the server acknowledges feedback only
 * after that). One connection, used under this object's lock: SQLite serializes writers anyway, and
 * a snapshot write is milliseconds. Only the last {@link #KEEP_SNAPSHOTS} snapshots per user are
 * kept; feedback rows are kept forever (until the user is deleted).
 */
public final class SqliteUserStore implements UserStore {
    static final int KEEP_SNAPSHOTS = 5;
    private final Connection db;

    public SqliteUserStore(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = db.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=5000");
                s.execute("CREATE TABLE IF NOT EXISTS users (user_id TEXT PRIMARY KEY, key_hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS feedback (user_id TEXT NOT NULL, pair_id TEXT NOT NULL, preference TEXT NOT NULL,"
                        + " answered_at INTEGER NOT NULL, PRIMARY KEY (user_id, pair_id))");
                s.execute("CREATE TABLE IF NOT EXISTS snapshots (user_id TEXT NOT NULL, version INTEGER NOT NULL, theta_version INTEGER NOT NULL,"
                        + " rounds INTEGER NOT NULL, state BLOB NOT NULL, created_at INTEGER NOT NULL, PRIMARY KEY (user_id, version))");
            }
            db.setAutoCommit(false);
            db.commit();
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the user store " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized boolean createUser(String userId, String keyHash) {
        return tx(() -> {
            if (userExists0(userId)) return false;
            try (PreparedStatement p = db.prepareStatement("INSERT INTO users VALUES (?, ?, ?)")) {
                p.setString(1, userId);
                p.setString(2, keyHash);
                p.setLong(3, System.currentTimeMillis());
                p.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public synchronized Optional<String> userForKeyHash(String keyHash) {
        return tx(() -> {
            try (PreparedStatement p = db.prepareStatement("SELECT user_id FROM users WHERE key_hash = ?")) {
                p.setString(1, keyHash);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public synchronized boolean userExists(String userId) {
        return tx(() -> userExists0(userId));
    }

    private boolean userExists0(String userId) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT 1 FROM users WHERE user_id = ?")) {
            p.setString(1, userId);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    @Override
    public synchronized List<String> users() {
        return tx(() -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement p = db.prepareStatement("SELECT user_id FROM users ORDER BY user_id");
                 ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(r.getString(1));
            }
            return out;
        });
    }

    @Override
    public synchronized long saveSnapshot(String userId, long thetaVersion, int rounds, byte[] state, FeedbackRecord feedback) {
        return tx(() -> {
            long version = 1;
            try (PreparedStatement p = db.prepareStatement("SELECT COALESCE(MAX(version), 0) FROM snapshots WHERE user_id = ?")) {
                p.setString(1, userId);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) version = r.getLong(1) + 1;
                }
            }
            try (PreparedStatement p = db.prepareStatement("INSERT INTO snapshots VALUES (?, ?, ?, ?, ?, ?)")) {
                p.setString(1, userId);
                p.setLong(2, version);
                p.setLong(3, thetaVersion);
                p.setInt(4, rounds);
                p.setBytes(5, state);
                p.setLong(6, System.currentTimeMillis());
                p.executeUpdate();
            }
            if (feedback != null) {
                try (PreparedStatement p = db.prepareStatement("INSERT OR IGNORE INTO feedback VALUES (?, ?, ?, ?)")) {
                    p.setString(1, userId);
                    p.setString(2, feedback.pairId());
                    p.setString(3, feedback.preference());
                    p.setLong(4, feedback.answeredAtMillis());
                    p.executeUpdate();
                }
            }
            try (PreparedStatement p = db.prepareStatement("DELETE FROM snapshots WHERE user_id = ? AND version <= ?")) {
                p.setString(1, userId);
                p.setLong(2, version - KEEP_SNAPSHOTS);
                p.executeUpdate();
            }
            return version;
        });
    }

    @Override
    public synchronized Optional<Snapshot> latestSnapshot(String userId) {
        return tx(() -> {
            try (PreparedStatement p = db.prepareStatement("SELECT version, theta_version, rounds, state, created_at FROM snapshots"
                    + " WHERE user_id = ? ORDER BY version DESC LIMIT 1")) {
                p.setString(1, userId);
                try (ResultSet r = p.executeQuery()) {
                    if (!r.next()) return Optional.<Snapshot>empty();
                    return Optional.of(new Snapshot(r.getLong(1), r.getLong(2), r.getInt(3), r.getBytes(4), r.getLong(5)));
                }
            }
        });
    }

    @Override
    public synchronized List<FeedbackRecord> feedback(String userId) {
        return tx(() -> {
            List<FeedbackRecord> out = new ArrayList<>();
            try (PreparedStatement p = db.prepareStatement("SELECT pair_id, preference, answered_at FROM feedback WHERE user_id = ?"
                    + " ORDER BY answered_at, rowid")) {
                p.setString(1, userId);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) out.add(new FeedbackRecord(r.getString(1), r.getString(2), r.getLong(3)));
                }
            }
            return out;
        });
    }

    @Override
    public synchronized boolean deleteUser(String userId) {
        return tx(() -> {
            int n;
            try (PreparedStatement p = db.prepareStatement("DELETE FROM users WHERE user_id = ?")) {
                p.setString(1, userId);
                n = p.executeUpdate();
            }
            for (String table : List.of("feedback", "snapshots")) {
                try (PreparedStatement p = db.prepareStatement("DELETE FROM " + table + " WHERE user_id = ?")) {
                    p.setString(1, userId);
                    p.executeUpdate();
                }
            }
            return n > 0;
        });
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing the user store failed: " + e.getMessage(), e);
        }
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} as one transaction: committed (and on disk) when it returns, rolled back if it throws. */
    private <T> T tx(Work<T> work) {
        try {
            T result = work.run();
            db.commit();
            return result;
        } catch (SQLException e) {
            try {
                db.rollback();
            } catch (SQLException ignored) {
                // the original failure is the one worth reporting
            }
            throw new IllegalStateException("user store: " + e.getMessage(), e);
        }
    }
}
