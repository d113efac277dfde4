package dev.tpop.server;

import java.util.List;
import java.util.Optional;

/**
 * Where the server keeps users, their API keys, their feedback and their state snapshots.
 *
 * <p>An interface so that the SQLite file the server uses by default can be swapped for a shared
 * database (PostgreSQL) when several servers serve the same users: every method is one statement or
 * one transaction of plain SQL-shaped data, nothing SQLite-specific leaks through it.
 *
 * <p>Durability contract: when a method returns, what it wrote survives a crash of the process.
 */
public interface UserStore extends AutoCloseable {

    /** One answered pair, as given by the user; kept as its own row so an answer is never lost. */
    record FeedbackRecord(String pairId, String preference, long answeredAtMillis) {}

    /**
     * A versioned copy of a user's whole state (theta, V, history, open pairs).
     *
     * @param version      increases by one per snapshot of this user
     * @param thetaVersion the refit count of theta inside the state
     * @param rounds       answered rounds inside the state
     * @param state        the gzip JSON written by {@code UserSession.save}
     */
    record Snapshot(long version, long thetaVersion, int rounds, byte[] state, long createdAtMillis) {}

    /** Registers a user with the hash of its API key; false if the user already exists. */
    boolean createUser(String userId, String keyHash);

    /** The user an API key hash belongs to. */
    Optional<String> userForKeyHash(String keyHash);

    boolean userExists(String userId);

    List<String> users();

    /**
     * Stores a new snapshot of the user and, when {@code feedback} is not null, the feedback that
     * produced it, in one transaction. Returns the snapshot's version.
     */
    long saveSnapshot(String userId, long thetaVersion, int rounds, byte[] state, FeedbackRecord feedback);

    Optional<Snapshot> latestSnapshot(String userId);

    /** Every feedback of the user, oldest first. */
    List<FeedbackRecord> feedback(String userId);

    /** Forgets the user entirely: key, feedback, snapshots. False if there was no such user. */
    boolean deleteUser(String userId);

    @Override
    void close();
}
