package dev.tpop.eval.simulate;

import dev.tpop.core.TpopConfig;
import dev.tpop.core.backend.DecodingBackend;
import dev.tpop.core.duel.ArmResponse;
import dev.tpop.core.duel.DuelingDecoder;
import dev.tpop.core.duel.Preference;
import dev.tpop.core.reward.Featurizer;
import dev.tpop.core.reward.RewardNetwork;
import dev.tpop.core.session.PendingPair;
import dev.tpop.core.session.UserSession;
import dev.tpop.eval.report.Progress;
import dev.tpop.eval.user.SimulatedUser;
import dev.tpop.eval.user.TextStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The main job: a simulated user personalizes the model over T rounds of duels on training prompts,
 * and at checkpoints the exploit arm is scored on held-out prompts that were never used for
 * learning. Refits are awaited after each round so a run is reproducible from its seed (the
 * service is where refits overlap with decoding).
 */
public final class Simulation {
    /** What to run; prompts are already split, disjoint by construction. */
    public record Plan(String model, String promptSource, List<String> train, List<String> heldOut, int rounds,
                       int checkpointEvery, long seed, double userTemperature, int examples) {
        public Plan {
            if (rounds < 0) throw new IllegalArgumentException("rounds must be >= 0, got " + rounds);
            if (train.isEmpty() && rounds > 0) throw new IllegalArgumentException("no training prompts");
            if (heldOut.isEmpty()) throw new IllegalArgumentException("no held-out prompts to score on");
            if (checkpointEvery < 1) throw new IllegalArgumentException("checkpoint interval must be >= 1");
        }
    }

    private final DecodingBackend backend;
    private final Featurizer featurizer;
    private final TpopConfig config;

    /** The learning curve of a result as a PNG: held-out score per checkpoint against the base model's. */
    public static void plot(SimulationResult r, java.nio.file.Path png) throws java.io.IOException {
        double[] rounds = r.checkpoints().stream().mapToDouble(SimulationResult.Checkpoint::round).toArray();
        double[] scores = r.checkpoints().stream().mapToDouble(SimulationResult.Checkpoint::meanScore).toArray();
        double[] spread = r.checkpoints().stream().mapToDouble(SimulationResult.Checkpoint::standardError).toArray();
        dev.tpop.eval.report.LearningCurvePlot
                .of("T-POP, " + r.attribute() + " user, " + r.model() + " (held-out, " + r.heldOutPrompts() + " prompts)")
                .add(new dev.tpop.eval.report.Curve("personalized (exploit arm), +/- s.e.", rounds, scores, spread))
                .addBaseline("base greedy", r.baseScore())
                .writePng(png, 900, 540);
    }

    public Simulation(DecodingBackend backend, Featurizer featurizer, TpopConfig config) {
        this.backend = backend;
        this.featurizer = featurizer;
        this.config = config;
    }

    public SimulationResult run(Plan plan, SimulatedUser user) {
        long started = System.nanoTime();
        String startedAt = Instant.now().toString();
        TreeSet<Integer> checkpointRounds = new TreeSet<>();
        for (int r = 0; r <= plan.rounds(); r += plan.checkpointEvery()) checkpointRounds.add(r);
        checkpointRounds.add(plan.rounds());
        Progress progress = Progress.start("simulate " + user.attribute(),
                plan.rounds() + (checkpointRounds.size() + 1L) * plan.heldOut().size());

        DuelingDecoder greedy = new DuelingDecoder(backend, featurizer, config.with("omega", 0.0));
        List<String> baseTexts = new ArrayList<>();
        List<Double> baseScores = new ArrayList<>();
        RewardNetwork untrained = RewardNetwork.initialize(featurizer, config.hiddenUnits(), config.seed());
        for (String q : plan.heldOut()) {
            String text = greedy.generate(q, untrained).text();
            baseTexts.add(text);
            baseScores.add(user.score(q, text));
            progress.step();
        }

        DuelingDecoder decoder = new DuelingDecoder(backend, featurizer, config);
        List<SimulationResult.Checkpoint> checkpoints = new ArrayList<>();
        Map<Preference, Integer> counts = new EnumMap<>(Preference.class);
        List<String> lastTexts = List.of();
        try (UserSession session = UserSession.create("simulated-" + user.attribute(), decoder)) {
            for (int round = 0; round <= plan.rounds(); round++) {
                if (checkpointRounds.contains(round)) {
                    session.awaitRefits();
                    List<String> texts = new ArrayList<>();
                    checkpoints.add(score(plan, user, session, texts, round, progress));
                    lastTexts = texts;
                }
                if (round == plan.rounds()) break;
                String query = plan.train().get(round % plan.train().size());
                PendingPair pair = session.duel(query);
                Preference p = user.prefer(query, pair.duel().exploit().text(), pair.duel().explore().text());
                session.feedback(pair.id(), p);
                counts.merge(p, 1, Integer::sum);
                session.awaitRefits();
                progress.step();
            }
        }
        progress.close();
        List<SimulationResult.Example> examples = new ArrayList<>();
        SimulationResult.Checkpoint last = checkpoints.get(checkpoints.size() - 1);
        for (int i = 0; i < Math.min(plan.examples(), plan.heldOut().size()); i++) {
            examples.add(new SimulationResult.Example(plan.heldOut().get(i), baseTexts.get(i), lastTexts.get(i),
                    baseScores.get(i), last.scores().get(i)));
        }
        Map<String, Integer> countNames = new LinkedHashMap<>();
        for (Preference p : Preference.values()) countNames.put(p.name().toLowerCase(), counts.getOrDefault(p, 0));
        return new SimulationResult(plan.model(), user.attribute(), plan.promptSource(), plan.train().size(),
                plan.heldOut().size(), plan.rounds(), plan.seed(), plan.userTemperature(), config, mean(baseScores),
                checkpoints, countNames, examples, startedAt, (System.nanoTime() - started) / 1e9);
    }

    private SimulationResult.Checkpoint score(Plan plan, SimulatedUser user, UserSession session, List<String> texts,
                                              int round, Progress progress) {
        List<Double> scores = new ArrayList<>();
        double words = 0, repetition = 0;
        for (String q : plan.heldOut()) {
            ArmResponse answer = session.generate(q);
            texts.add(answer.text());
            scores.add(user.score(q, answer.text()));
            words += TextStats.wordCount(answer.text());
            repetition += TextStats.repetitionRate(answer.text(), 3);
            progress.step();
        }
        double m = mean(scores);
        double var = 0;
        for (double s : scores) var += (s - m) * (s - m);
        double se = scores.size() > 1 ? Math.sqrt(var / (scores.size() - 1) / scores.size()) : 0;
        return new SimulationResult.Checkpoint(round, m, se, scores, words / scores.size(), repetition / scores.size());
    }

    private static double mean(List<Double> xs) {
        double s = 0;
        for (double x : xs) s += x;
        return xs.isEmpty() ? Double.NaN : s / xs.size();
    }
}
