package dev.tpop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tpop.core.TpopConfig;
import dev.tpop.core.duel.DuelingDecoder;
import dev.tpop.core.duel.Preference;
import dev.tpop.core.reward.BtlLearner;
import dev.tpop.core.reward.Comparison;
import dev.tpop.core.reward.RewardNetwork;
import dev.tpop.core.session.PendingPair;
import dev.tpop.core.session.Round;
import dev.tpop.core.session.UserSession;
import dev.tpop.eval.report.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A user's side of the cost: refit time against history size, the persisted state's size, and how
 * fast feedback is acknowledged while a refit runs.
 *
 * <p>How long histories are made without hours of decoding: a real session decodes two real pairs
 * (at the bench's k and M) and answers one; its saved state is then grown to each history size by
 * repeating that real round, and loaded back through {@link UserSession#load}. Every size is then a
 * state exactly as {@code save} writes it, with real texts and features, and each refit costs what it
 * would: its time depends on the number and length of the feature vectors, not their values.
 */
final class SessionBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BenchRig rig;
    private final Path work;

    SessionBench(BenchRig rig, Path work) {
        this.rig = rig;
        this.work = work;
    }

    record Result(List<RefitTime> refits, List<StateSize> states, FeedbackLatency feedback) {}

    Result run(Progress progress) {
        BenchSettings s = rig.settings;
        DuelingDecoder decoder = rig.decoder("base", s.topK(), s.maxNewTokens());
        Path seed = work.resolve("seed.tpop.json.gz");
        try (UserSession user = UserSession.create("bench", decoder)) {
            PendingPair answered = user.duel(rig.prompt(0));
            user.duel(rig.prompt(rig.promptCount() - 1));
            user.feedback(answered.id(), Preference.FIRST);
            user.awaitRefits();
            user.save(seed);
        }
        progress.step();
        ObjectNode saved = read(seed);
        JsonNode round = saved.withArray("history").get(0), pair = saved.withArray("pending").get(0);
        List<RefitTime> refits = new ArrayList<>();
        List<StateSize> states = new ArrayList<>();
        for (int h : s.historySizes()) {
            Path file = work.resolve("user-" + h + ".tpop.json.gz");
            write(grown(saved, round, h, pair, 0, h), file);
            try (UserSession user = UserSession.load(file, decoder)) {
                Path resaved = work.resolve("user-" + h + "-saved.tpop.json.gz");
                user.save(resaved);
                states.add(new StateSize(h, size(resaved)));
                refits.add(refitTime(decoder, user.history(), h));
            }
            progress.step();
        }
        int largest = s.historySizes().stream().mapToInt(Integer::intValue).max().orElseThrow();
        FeedbackLatency feedback = acknowledgements(decoder, saved, round, pair, largest);
        progress.step();
        return new Result(refits, states, feedback);
    }

    static long steps(BenchSettings s) {
        return s.historySizes().size() + 2L;
    }

    /** Refits (as the session runs them: theta_0 anchor, configured epochs) over the history, median of repetitions. */
    private RefitTime refitTime(DuelingDecoder decoder, List<Round> history, int pairs) {
        TpopConfig c = decoder.config();
        RewardNetwork theta0 = RewardNetwork.initialize(decoder.featurizer(), c.hiddenUnits(), c.seed());
        BtlLearner learner = new BtlLearner(c.lambda(), c.refitEpochs(), c.learningRate(), theta0.theta());
        List<Comparison> data = history.stream()
                .map(r -> new Comparison(r.exploitFeatures(), r.exploreFeatures(), r.preference().label())).toList();
        learner.refit(theta0, data); // warm-up
        List<Double> ms = new ArrayList<>();
        for (int r = 0; r < rig.settings.repetitions(); r++) {
            long t0 = System.nanoTime();
            learner.refit(theta0, data);
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        return new RefitTime(pairs, Stats.median(ms), ms);
    }

    /**
     * A user with {@code history} answered rounds whose theta lags them (so loading starts a refit)
     * and many unanswered pairs; each pair is answered while refits run (every answer queues one more).
     */
    private FeedbackLatency acknowledgements(DuelingDecoder decoder, ObjectNode saved, JsonNode round, JsonNode pair, int history) {
        int calls = rig.settings.acknowledgements();
        Path file = work.resolve("user-acks.tpop.json.gz");
        write(grown(saved, round, history, pair, calls, 0), file);
        List<Double> during = new ArrayList<>();
        try (UserSession user = UserSession.load(file, decoder)) {
            for (int i = 0; i < calls; i++) {
                boolean refitting = user.refitInProgress();
                long t0 = System.nanoTime();
                user.feedback("p" + i, i % 2 == 0 ? Preference.FIRST : Preference.SECOND);
                double ms = (System.nanoTime() - t0) / 1e6;
                if (refitting) during.add(ms);
            }
            user.awaitRefits();
        }
        if (during.isEmpty()) throw new IllegalStateException("no feedback call overlapped a refit; raise the history size");
        return new FeedbackLatency(history, calls, during.size(), Stats.median(during), Stats.percentile(during, 90), Stats.max(during));
    }

    /** The saved state with {@code rounds} copies of one round and {@code pending} copies of one pair. */
    private static ObjectNode grown(ObjectNode saved, JsonNode round, int rounds, JsonNode pair, int pending, int trainedRounds) {
        ObjectNode out = saved.deepCopy();
        ArrayNode history = out.putArray("history");
        SplittableRandom random = new SplittableRandom(rounds);
        for (int i = 0; i < rounds; i++) {
            ObjectNode r = i == 0 ? round.deepCopy() : distinct(round, random);
            r.put("pairId", "h" + i);
            r.put("preference", (i % 2 == 0 ? Preference.FIRST : Preference.SECOND).name());
            history.add(r);
        }
        ArrayNode pairs = out.putArray("pending");
        for (int i = 0; i < pending; i++) pairs.add(((ObjectNode) pair.deepCopy()).put("id", "p" + i));
        out.put("trainedRounds", trainedRounds);
        return out;
    }

    /**
     * A copy of a real round that gzip cannot fold into the original: every feature value moved by a
     * small random amount and the words of each text shuffled. Real rounds differ like that (other
     * texts, other features); identical copies would compress to almost nothing and understate the
     * state's size.
     */
    private static ObjectNode distinct(JsonNode round, SplittableRandom random) {
        ObjectNode r = round.deepCopy();
        for (String field : List.of("exploitFeatures", "exploreFeatures")) {
            ArrayNode values = r.putArray(field);
            for (JsonNode v : round.get(field)) values.add((float) (v.asDouble() * (1 + 0.01 * (random.nextDouble() - 0.5))));
        }
        for (String field : List.of("exploitText", "exploreText")) {
            List<String> words = new ArrayList<>(List.of(round.get(field).asText().split(" ")));
            for (int i = words.size() - 1; i > 0; i--) java.util.Collections.swap(words, i, random.nextInt(i + 1));
            r.put(field, String.join(" ", words));
        }
        return r;
    }

    private static ObjectNode read(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(ObjectNode state, Path file) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            JSON.writeValue(out, state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
