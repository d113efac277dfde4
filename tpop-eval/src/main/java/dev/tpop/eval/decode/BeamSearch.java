package dev.tpop.eval.decode;

import dev.tpop.core.backend.DecodingBackend;
import dev.tpop.core.backend.DecodingBatch;
import dev.tpop.core.backend.NextTokens;
import dev.tpop.llm.chat.ChatMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Beam search in the engine (BS16 = 16 beams on the preference prompt), with the semantics of
 * Hugging Face's {@code generate(num_beams=B)} defaults, which the papers' baselines ran:
 * <ul>
 *   <li>all B beams live in one {@link DecodingBatch}; each step every beam offers its 2B best next
 *       tokens, the best 2B (beam score + log-prob) are ranked, and {@link DecodingBatch#reorder}
 *       copies the chosen parents before one batched {@link DecodingBatch#advance};</li>
 *   <li>a candidate ending in an end-of-sequence token among the top B becomes a finished hypothesis;
 *       the others fill the B live beams;</li>
 *   <li>hypotheses are ranked by {@code sum log p / length^lengthPenalty}; the default 1.0 is HF's
 *       default, i.e. <b>length-normalized</b> (length counts the end-of-sequence token); 0 ranks by
 *       the raw sum;</li>
 *   <li>it stops when B hypotheses are finished and no live beam can beat the worst of them at the
 *       current length (HF's {@code early_stopping=False} rule), or at the token limit, where the
 *       live beams join the hypotheses.</li>
 * </ul>
 */
public final class BeamSearch implements DecodingStrategy {
    private final String name;
    private final DecodingBackend backend;
    private final Function<String, List<ChatMessage>> prompt;
    private final int beams;
    private final double lengthPenalty;
    private final int maxNewTokens;

    public BeamSearch(String name, DecodingBackend backend, Function<String, List<ChatMessage>> prompt, int beams,
                      double lengthPenalty, int maxNewTokens) {
        if (beams < 1) throw new IllegalArgumentException("beam search needs >= 1 beam, got " + beams);
        this.name = name;
        this.backend = backend;
        this.prompt = prompt;
        this.beams = beams;
        this.lengthPenalty = lengthPenalty;
        this.maxNewTokens = maxNewTokens;
    }

    /** BS16: 16 beams on the preference prompt, length-normalized. */
    public static BeamSearch bs16(DecodingBackend backend, String attribute, int maxNewTokens) {
        return new BeamSearch("BS16", backend, q -> PreferencePrompt.preference(attribute, q), 16, 1.0, maxNewTokens);
    }

    private record Beam(int[] tokens, double logProb) {}

    private record Candidate(int source, int token, double logProb) {}

    @Override
    public String name() { return name; }

    @Override
    public Generation generate(String query) {
        Set<Integer> eos = backend.endOfSequenceIds();
        List<Beam> finished = new ArrayList<>();
        List<Beam> live = new ArrayList<>(List.of(new Beam(new int[0], 0)));
        try (DecodingBatch batch = backend.start(prompt.apply(query), beams, 2 * beams, maxNewTokens)) {
            for (int step = 0; step < maxNewTokens && !live.isEmpty(); step++) {
                List<Candidate> candidates = new ArrayList<>();
                for (int b = 0; b < live.size(); b++) {
                    NextTokens next = batch.next(b);
                    for (int i = 0; i < next.size(); i++) {
                        candidates.add(new Candidate(b, next.tokenIds()[i], live.get(b).logProb() + next.logProbs()[i]));
                    }
                }
                candidates.sort(Comparator.comparingDouble(Candidate::logProb).reversed());
                List<Beam> nextLive = new ArrayList<>();
                List<Integer> sources = new ArrayList<>();
                for (int rank = 0; rank < candidates.size() && nextLive.size() < beams; rank++) {
                    Candidate c = candidates.get(rank);
                    int[] tokens = append(live.get(c.source()).tokens(), c.token());
                    if (eos.contains(c.token())) {
                        if (rank < beams) addHypothesis(finished, new Beam(tokens, c.logProb()));
                    } else {
                        nextLive.add(new Beam(tokens, c.logProb()));
                        sources.add(c.source());
                    }
                }
                live = nextLive;
                if (step + 1 == maxNewTokens || done(finished, live, step + 1)) break;
                batch.reorder(sources.stream().mapToInt(Integer::intValue).toArray());
                batch.advance(live.stream().mapToInt(b -> b.tokens()[b.tokens().length - 1]).toArray());
            }
        }
        if (finished.size() < beams || live.stream().anyMatch(b -> b.tokens().length == maxNewTokens)) {
            for (Beam b : live) addHypothesis(finished, b);
        }
        Beam best = finished.stream().max(Comparator.comparingDouble(this::normalized)).orElseThrow();
        return Generations.of(backend, best.tokens());
    }

    private void addHypothesis(List<Beam> finished, Beam b) {
        finished.add(b);
        if (finished.size() > beams) finished.remove(finished.stream().min(Comparator.comparingDouble(this::normalized)).orElseThrow());
    }

    private boolean done(List<Beam> finished, List<Beam> live, int length) {
        if (finished.size() < beams || live.isEmpty()) return live.isEmpty();
        double worst = finished.stream().mapToDouble(this::normalized).min().orElseThrow();
        double bestLive = live.get(0).logProb() / Math.pow(length, lengthPenalty);
        return worst >= bestLive;
    }

    /** The ranking score of a hypothesis: sum log p / length^lengthPenalty. */
    double normalized(Beam b) {
        return b.logProb() / Math.pow(Math.max(1, b.tokens().length), lengthPenalty);
    }

    private static int[] append(int[] tokens, int t) {
        int[] out = Arrays.copyOf(tokens, tokens.length + 1);
        out[tokens.length] = t;
        return out;
    }
}
