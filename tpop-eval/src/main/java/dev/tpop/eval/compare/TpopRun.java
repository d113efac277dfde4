package dev.tpop.eval.compare;

import dev.tpop.core.TpopConfig;
import dev.tpop.core.backend.DecodingBackend;
import dev.tpop.core.duel.ArmResponse;
import dev.tpop.core.duel.DuelingDecoder;
import dev.tpop.core.duel.Preference;
import dev.tpop.core.reward.BtlLearner;
import dev.tpop.core.reward.Comparison;
import dev.tpop.core.reward.Featurizer;
import dev.tpop.core.reward.RewardNetwork;
import dev.tpop.core.session.PendingPair;
import dev.tpop.core.session.UserSession;
import dev.tpop.eval.report.Progress;
import dev.tpop.eval.user.SimulatedUser;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * T-POP in the evaluation: a simulated (noisy) user teaches one {@link UserSession} for T rounds on
 * training prompts; at each round count of the sweep the exploit arm alone answers the held-out
 * prompts and the noise-free scorer scores them. Round 0 is the frozen, untrained reward (an ablation).
 *
 * <p>{@link Variant#EXPLOIT_ONLY} is the "no exploration" ablation, defined as follows: each round
 * compares the exploit answer with the base model's greedy answer (omega = 0) instead of with a UCB
 * explore arm, so the user never sees an answer chosen for what it would teach; the reward is refit by
 * the same {@link BtlLearner} as a session's (same lambda, anchor, epochs, learning rate). With nu = 0
 * a T-POP duel's two arms would be identical and teach nothing, which is why nu = 0 is not used here.
 * Note what this ablation exposes: whenever the exploit answer equals the base answer (as it does at
 * the start, when the untrained reward rarely overturns the base model's top token), the duel carries
 * no information, so without exploration learning can stall at the base model.
 */
public final class TpopRun {
    public enum Variant { FULL, EXPLOIT_ONLY }

    private final DecodingBackend backend;
    private final Featurizer featurizer;
    private final TpopConfig config;

    public TpopRun(DecodingBackend backend, Featurizer featurizer, TpopConfig config) {
        this.backend = backend;
        this.featurizer = featurizer;
        this.config = config;
    }

    /** The result of one run: a checkpoint per sweep round, and the user's choices. */
    public record Outcome(List<MethodResult.Checkpoint> checkpoints, Map<String, Integer> preferenceCounts) {}

    public Outcome run(Variant variant, List<String> train, List<String> heldOut, SortedSet<Integer> sweep,
                       SimulatedUser noisyUser, SimulatedUser scorer, Progress progress) {
        int rounds = sweep.last();
        if (rounds > 0 && train.isEmpty()) throw new IllegalArgumentException("T-POP needs training prompts for " + rounds + " rounds");
        DuelingDecoder decoder = new DuelingDecoder(backend, featurizer, config);
        DuelingDecoder greedy = new DuelingDecoder(backend, featurizer, config.with("omega", 0.0));
        Map<Preference, Integer> counts = new EnumMap<>(Preference.class);
        List<MethodResult.Checkpoint> checkpoints = new ArrayList<>();
        RewardNetwork theta0 = RewardNetwork.initialize(featurizer, config.hiddenUnits(), config.seed());
        BtlLearner learner = new BtlLearner(config.lambda(), config.refitEpochs(), config.learningRate(), theta0.theta());
        RewardNetwork theta = theta0;
        List<Comparison> data = new ArrayList<>();
        try (UserSession session = UserSession.create("eval-" + noisyUser.attribute(), decoder)) {
            for (int round = 0; ; round++) {
                if (sweep.contains(round)) {
                    session.awaitRefits();
                    RewardNetwork current = variant == Variant.FULL ? session.rewardState().theta() : theta;
                    checkpoints.add(score(round, decoder, current, heldOut, scorer, progress));
                }
                if (round == rounds) break;
                String q = train.get(round % train.size());
                if (variant == Variant.FULL) {
                    PendingPair pair = session.duel(q);
                    Preference p = noisyUser.prefer(q, pair.duel().exploit().text(), pair.duel().explore().text());
                    session.feedback(pair.id(), p);
                    session.awaitRefits();
                    counts.merge(p, 1, Integer::sum);
                } else {
                    ArmResponse y1 = decoder.generate(q, theta);
                    ArmResponse y2 = greedy.generate(q, theta);
                    Preference p = noisyUser.prefer(q, y1.text(), y2.text());
                    counts.merge(p, 1, Integer::sum);
                    if (p.informative() && y1.features().length > 0 && y2.features().length > 0) {
                        data.add(new Comparison(y1.features(), y2.features(), p.label()));
                        theta = learner.refit(theta, data);
                    }
                }
                progress.step();
            }
        }
        Map<String, Integer> names = new LinkedHashMap<>();
        for (Preference p : Preference.values()) names.put(p.name().toLowerCase(), counts.getOrDefault(p, 0));
        return new Outcome(checkpoints, names);
    }

    private MethodResult.Checkpoint score(int round, DuelingDecoder decoder, RewardNetwork theta, List<String> heldOut,
                                          SimulatedUser scorer, Progress progress) {
        List<String> texts = new ArrayList<>();
        List<Double> scores = new ArrayList<>();
        for (String q : heldOut) {
            String text = decoder.generate(q, theta).text();
            texts.add(text);
            scores.add(scorer.score(q, text));
            progress.step();
        }
        return new MethodResult.Checkpoint(round, texts, scores, MethodResult.mean(scores), Repetition.mean(texts));
    }
}
