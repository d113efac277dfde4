package dev.tpop.core.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tpop.core.TpopConfig;
import dev.tpop.core.duel.DuelingDecoder;
import dev.tpop.core.reward.RewardNetwork;
import dev.tpop.core.reward.UncertaintyModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A user's state as one gzip-compressed JSON file. Written to a temporary file and moved into place,
 * so a crash mid-write leaves the previous state intact. V is stored and V^-1 is recomputed on load.
 */
final class SessionStore {
    static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /** What is persisted; the featurizer and sizes are checked on load so a state is never misread. */
    record SavedState(int format, String userId, String featurizer, int featureDimension, int hiddenUnits,
                      TpopConfig config, double[] theta, double[] v, int uncertaintyUpdates, long thetaVersion, int trainedRounds,
                      List<Round> history, List<PendingPair> pending) {}

    private SessionStore() {}

    static void write(UserSession session, Path file) {
        RewardState s = session.rewardState();
        DuelingDecoder d = session.decoder();
        SavedState saved = new SavedState(FORMAT, session.userId(), d.featurizer().name(), d.featurizer().dimension(),
                s.theta().hiddenUnits(), d.config(), s.theta().theta(), s.uncertainty().vRowMajor(),
                s.uncertainty().updates(), s.version(), s.trainedRounds(), session.history(), List.copyOf(session.pendingPairs().values()));
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".tpop-user", ".tmp");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp))) {
                JSON.writeValue(out, saved);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("cannot save user '" + session.userId() + "' to " + file + ": " + e.getMessage(), e);
        }
    }

    static UserSession read(Path file, DuelingDecoder decoder) {
        SavedState saved;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            saved = JSON.readValue(in, SavedState.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read user state " + file + " (not a tpop state file, or damaged): " + e.getMessage(), e);
        }
        if (saved.format() != FORMAT) {
            throw new IllegalArgumentException(file + " has state format " + saved.format() + "; this tpop reads format " + FORMAT);
        }
        String featurizer = decoder.featurizer().name();
        if (!featurizer.equals(saved.featurizer()) || saved.featureDimension() != decoder.featurizer().dimension()) {
            throw new IllegalArgumentException("user state " + file + " was learned with featurizer '" + saved.featurizer() + "' ("
                    + saved.featureDimension() + " features), but this session uses '" + featurizer + "' ("
                    + decoder.featurizer().dimension() + "): start a new user or use the same featurizer");
        }
        TpopConfig c = decoder.config();
        int inputs = decoder.featurizer().aggregation().rewardInputs(saved.featureDimension());
        RewardNetwork theta = new RewardNetwork(inputs, saved.hiddenUnits(), saved.theta());
        UncertaintyModel v = UncertaintyModel.restore(c.lambda(), c.refactorEvery(), saved.v(), saved.uncertaintyUpdates());
        Map<String, PendingPair> pending = new LinkedHashMap<>();
        for (PendingPair p : saved.pending()) pending.put(p.id(), p);
        return new UserSession(saved.userId(), decoder, new RewardState(theta, v, saved.thetaVersion(), saved.trainedRounds()), saved.history(), pending);
    }
}
