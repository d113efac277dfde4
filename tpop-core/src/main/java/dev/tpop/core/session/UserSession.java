package dev.tpop.core.session;

import dev.tpop.core.TpopConfig;
import dev.tpop.core.duel.ArmResponse;
import dev.tpop.core.duel.Duel;
import dev.tpop.core.duel.DuelingDecoder;
import dev.tpop.core.duel.Preference;
import dev.tpop.core.reward.BtlLearner;
import dev.tpop.core.reward.Comparison;
import dev.tpop.core.reward.RewardNetwork;
import dev.tpop.core.reward.UncertaintyModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One user's personalization: duels, feedback, personalized answers, and the background refits.
 *
 * <p>Feedback is recorded and V updated before {@link #feedback} returns; the theta refit runs on
 * this user's own single background thread, so acknowledging a click never waits for training,
 * refits of one user never overlap, and a refit always trains on everything answered before it
 * started (feedback that arrives during a refit queues exactly one more). Decodes read theta and
 * V^-1 from one atomic reference and keep them for the whole answer.
 */
public final class UserSession implements AutoCloseable {
    private final String userId;
    private final DuelingDecoder decoder;
    private final BtlLearner learner;
    private final AtomicReference<RewardState> state;
    private final List<Round> history = new ArrayList<>();
    private final Map<String, PendingPair> pending = new LinkedHashMap<>();
    private final Map<String, Preference> answered = new LinkedHashMap<>();
    private final ExecutorService refits;
    private volatile boolean refitQueued;
    private volatile boolean refitRunning;
    private volatile Throwable lastRefitError;

    UserSession(String userId, DuelingDecoder decoder, RewardState initial, List<Round> history,
                Map<String, PendingPair> pending) {
        if (userId == null || userId.isBlank()) throw new IllegalArgumentException("a user needs a non-empty id");
        this.userId = userId;
        this.decoder = decoder;
        TpopConfig c = decoder.config();
        // the L2 term is measured from theta_0 (see BtlLearner): theta_0 is the seeded initialization
        double[] theta0 = RewardNetwork.initialize(decoder.featurizer(), c.hiddenUnits(), c.seed()).theta();
        this.learner = new BtlLearner(c.lambda(), c.refitEpochs(), c.learningRate(), theta0);
        this.state = new AtomicReference<>(initial);
        this.history.addAll(history);
        for (Round r : history) answered.put(r.pairId(), r.preference());
        this.pending.putAll(pending);
        this.refits = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tpop-refit-" + userId);
            t.setDaemon(true);
            return t;
        });
        if (initial.trainedRounds() < this.history.size()) {
            synchronized (this) {
                requestRefit();
            }
        }
    }

    /** A cold-start user: theta at its seeded initialization, V = lambda I, no history. */
    public static UserSession create(String userId, DuelingDecoder decoder) {
        TpopConfig c = decoder.config();
        RewardNetwork theta = RewardNetwork.initialize(decoder.featurizer(), c.hiddenUnits(), c.seed());
        UncertaintyModel v = UncertaintyModel.initial(theta.lastLayerDimension(), c.lambda(), c.refactorEvery());
        return new UserSession(userId, decoder, new RewardState(theta, v, 0, 0), List.of(), Map.of());
    }

    public String userId() { return userId; }

    public DuelingDecoder decoder() { return decoder; }

    /** Decodes both arms for {@code query} and remembers the pair until it is answered. */
    public PendingPair duel(String query) {
        return duel(query, decoder);
    }

    /**
     * Like {@link #duel(String)} with another answer length and top-k (an API request's
     * {@code max_tokens} and {@code top_k}). Only these two change: the featurizer stays this
     * session's, so the pair's features and gradients are comparable with the rest of the history.
     */
    public PendingPair duel(String query, int maxNewTokens, int topK) {
        TpopConfig c = decoder.config();
        if (c.maxNewTokens() == maxNewTokens && c.topK() == topK) return duel(query, decoder);
        TpopConfig other = c.withOverrides(Map.of("maxNewTokens", maxNewTokens, "topK", topK));
        return duel(query, new DuelingDecoder(decoder.backend(), decoder.featurizer(), other));
    }

    private PendingPair duel(String query, DuelingDecoder with) {
        RewardState s = state.get();
        Duel duel = with.duel(query, s.theta(), s.uncertainty());
        PendingPair pair = new PendingPair(UUID.randomUUID().toString(), query, duel, s.version(), System.currentTimeMillis());
        synchronized (this) {
            pending.put(pair.id(), pair);
        }
        return pair;
    }

    /**
     * Forgets a pair that will never be answered (the person skipped it or left), so pending pairs do
     * not pile up in the saved state. Returns whether it was pending.
     */
    public synchronized boolean discard(String pairId) {
        return pending.remove(pairId) != null;
    }

    /** The personalized answer: exploit arm only, current theta. */
    public ArmResponse generate(String query) {
        return decoder.generate(query, state.get().theta());
    }

    /**
     * Records the user's answer to a pair. The same answer twice is a no-op; a different answer to
     * an answered pair, or an unknown pair, is an error and changes nothing.
     */
    public FeedbackResult feedback(String pairId, Preference preference) {
        if (preference == null) throw new IllegalArgumentException("preference is missing: use FIRST, SECOND, TIE or BOTH_BAD");
        synchronized (this) {
            Preference earlier = answered.get(pairId);
            if (earlier != null) {
                if (earlier == preference) return new FeedbackResult(pairId, preference, history.size(), true);
                throw new PairAlreadyAnsweredException(pairId, earlier, preference);
            }
            PendingPair pair = pending.get(pairId);
            if (pair == null) throw new PairNotFoundException(pairId);
            ArmResponse y1 = pair.duel().exploit(), y2 = pair.duel().explore();
            history.add(new Round(pairId, pair.query(), y1.text(), y2.text(), y1.features(), y2.features(),
                    preference, System.currentTimeMillis()));
            answered.put(pairId, preference);
            pending.remove(pairId);
            if (preference.informative()) {
                double[] z = new double[y1.gradient().length];
                for (int i = 0; i < z.length; i++) z[i] = y1.gradient()[i] - y2.gradient()[i];
                state.updateAndGet(s -> new RewardState(s.theta(), s.uncertainty().plusOuterProduct(z), s.version(), s.trainedRounds()));
            }
            int rounds = history.size();
            if (preference.informative()) requestRefit();
            return new FeedbackResult(pairId, preference, rounds, false);
        }
    }

    private void requestRefit() {
        if (refitQueued) return;
        refitQueued = true;
        refits.submit(this::refit);
    }

    private void refit() {
        refitRunning = true;
        try {
            List<Comparison> data;
            int rounds;
            synchronized (this) {
                refitQueued = false;
                data = comparisons();
                rounds = history.size();
            }
            RewardNetwork fitted = learner.refit(state.get().theta(), data);
            state.updateAndGet(s -> new RewardState(fitted, s.uncertainty(), s.version() + 1, rounds));
        } catch (RuntimeException | Error e) {
            lastRefitError = e;
            System.getLogger("tpop").log(System.Logger.Level.ERROR, "refit of user " + userId + " failed; theta unchanged", e);
        } finally {
            refitRunning = false;
        }
    }

    private List<Comparison> comparisons() {
        List<Comparison> out = new ArrayList<>();
        for (Round r : history) {
            if (r.preference().informative()) {
                out.add(new Comparison(r.exploitFeatures(), r.exploreFeatures(), r.preference().label()));
            }
        }
        return out;
    }

    /** Blocks until every refit requested so far has finished (simulations and tests use this). */
    public void awaitRefits() {
        Future<?> marker = refits.submit(() -> {});
        try {
            marker.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("refit failed", e.getCause());
        }
    }

    public synchronized int rounds() { return history.size(); }

    public synchronized List<Round> history() { return List.copyOf(history); }

    public synchronized Map<String, PendingPair> pendingPairs() { return Map.copyOf(pending); }

    public RewardState rewardState() { return state.get(); }

    public long thetaVersion() { return state.get().version(); }

    public boolean refitInProgress() { return refitRunning || refitQueued; }

    /**
     * Writes this user's whole state (theta, V, history, unanswered pairs) to {@code file} without
     * waiting for a refit in progress: the history is complete, and a theta that lags it is refitted
     * when the state is loaded. Call {@link #awaitRefits()} first for a fully trained snapshot.
     */
    public void save(Path file) {
        SessionStore.write(this, file);
    }

    /** The last refit failure, or null; a failed refit leaves theta as it was. */
    public Throwable lastRefitError() { return lastRefitError; }

    /** A user saved by {@link #save}, ready to continue with {@code decoder}. */
    public static UserSession load(Path file, DuelingDecoder decoder) {
        return SessionStore.read(file, decoder);
    }

    @Override
    public void close() {
        refits.shutdown();
    }
}
