package dev.tpop.eval.compare;

import java.util.List;
import java.util.Locale;

/**
 * The size and scope of an evaluation. Two presets are built in: {@link #smoke()} (CI, well under 3
 * minutes on 2 cores) and {@link #paper()} (about an hour for one 135M model on 2 cores); every field
 * can be overridden from the CLI. Saved with the results, so a report says exactly what ran.
 *
 * @param promptSets     prompt files (names in the shared prompt folder, or paths; JSON, JSONL or text)
 * @param trainPerSet    training prompts taken from each set (T-POP learns on these only)
 * @param heldOutPerSet  held-out prompts taken from each set (every method is scored on these only)
 * @param splitSeed      seed of the train/held-out split of each set (fixed across T-POP seeds, so all
 *                       methods and seeds see the same held-out prompts)
 * @param maxNewTokens   M, the most tokens of every answer of every method
 * @param rounds         the sweep over T: T-POP is scored after each of these numbers of rounds; the
 *                       largest is the T of the main table, 0 is the frozen untrained reward
 * @param seeds          T-POP seeds (reward init, feature projection, user noise); baselines are deterministic
 * @param attributes     simulated users / preference sentences
 * @param baselines      any of Base, Pref, BS16, LA, Amulet
 * @param ablationSeeds  the no-exploration ablation ({@link TpopRun.Variant#EXPLOIT_ONLY}) runs for the first
 *                       this many seeds (0 = off); it costs about as much as T-POP itself
 * @param localJudge     whether the local model judges T-POP against each baseline (position-swapped)
 * @param userNoise      BTL temperature of the simulated user's choices during learning
 * @param laRatio        LA's ratio (2.0, the Amulet code's default)
 * @param laTopP         LA's nucleus over the preference distribution (1 = off)
 */
public record EvalPreset(String name, List<String> promptSets, int trainPerSet, int heldOutPerSet, long splitSeed,
                         int maxNewTokens, List<Integer> rounds, List<Long> seeds, List<String> attributes,
                         List<String> baselines, int ablationSeeds, boolean localJudge, double userNoise,
                         double laRatio, double laTopP) {

    public static final List<String> SHARED_SETS = List.of("personal_preference_eval_preference_data.json",
            "UltraFeedback_truthful_qa.json", "UltraFeedback_ultrachat.json", "HelpSteer_train.json");
    public static final List<String> ALL_BASELINES = List.of("Base", "Pref", "BS16", "LA", "Amulet");
    public static final List<String> HEADLINE_ATTRIBUTES = List.of("creative", "verbose", "concise", "uplifting");

    public EvalPreset {
        promptSets = List.copyOf(promptSets);
        rounds = rounds.stream().distinct().sorted().toList();
        seeds = List.copyOf(seeds);
        attributes = List.copyOf(attributes);
        baselines = List.copyOf(baselines);
        if (promptSets.isEmpty()) throw new IllegalArgumentException("no prompt sets");
        if (heldOutPerSet < 1) throw new IllegalArgumentException("need >= 1 held-out prompt per set (--held-out-per-set)");
        if (trainPerSet < 1) throw new IllegalArgumentException("need >= 1 training prompt per set (--train-per-set)");
        if (maxNewTokens < 1) throw new IllegalArgumentException("answers need at least 1 token (-M)");
        if (rounds.isEmpty() || rounds.get(0) < 0) throw new IllegalArgumentException("the rounds of the T sweep (--rounds) must be >= 0");
        if (seeds.isEmpty()) throw new IllegalArgumentException("need at least one seed");
        if (seeds.stream().distinct().count() < seeds.size()) {
            throw new IllegalArgumentException("seeds repeat in " + seeds + ": a repeated seed reruns the same run and fakes a spread of 0; give distinct --seeds");
        }
        if (ablationSeeds < 0 || ablationSeeds > seeds.size()) throw new IllegalArgumentException("ablation seeds must be in 0.." + seeds.size());
        if (attributes.isEmpty()) throw new IllegalArgumentException("need at least one attribute");
        for (String b : baselines) {
            if (!ALL_BASELINES.contains(b)) throw new IllegalArgumentException("unknown baseline '" + b + "'; valid: " + ALL_BASELINES);
        }
    }

    /**
     * CI: 2 sets x (2 train + 1 held-out) prompts, 16 tokens, T in {0, 2, 4}, 3 seeds, the concise user,
     * all five baselines, the exploit-only ablation for every seed and the local judge. Measured: 83-141 s
     * on the shared 2-core machine (21 cells).
     */
    public static EvalPreset smoke() {
        return new EvalPreset("smoke", SHARED_SETS.subList(0, 2), 2, 1, 0, 16, List.of(0, 2, 4), List.of(0L, 1L, 2L),
                List.of("concise"), ALL_BASELINES, 3, true, 0.1, 2.0, 1.0);
    }

    /**
     * About an hour on 2 cores for SmolLM2-135M: the four shared sets x (15 train + 2 held-out) prompts
     * (60 train, 8 held-out), 24 tokens, T in {0, 10, 20, 40, 60}, 3 seeds, the four headline
     * attributes, all baselines, the exploit-only ablation for seed 0 and the local judge.
     * Measured for one attribute on the 2-core machine shared with two other jobs: baselines 179 s (BS16
     * 90 s of it), T-POP 231 s per seed, local judge about 200 s; so about 80-90 minutes for four
     * attributes under that contention, about an hour on two free cores. {@code --ablation-seeds 0
     * --no-local-judge} saves about a quarter.
     */
    public static EvalPreset paper() {
        return new EvalPreset("paper", SHARED_SETS, 15, 2, 0, 24, List.of(0, 10, 20, 40, 60), List.of(0L, 1L, 2L),
                HEADLINE_ATTRIBUTES, ALL_BASELINES, 1, true, 0.1, 2.0, 1.0);
    }

    public static EvalPreset named(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "smoke" -> smoke();
            case "paper" -> paper();
            default -> throw new IllegalArgumentException("unknown preset '" + name + "': use smoke or paper");
        };
    }

    /** T of the main table: the largest number of rounds of the sweep. */
    public int finalRounds() {
        return rounds.get(rounds.size() - 1);
    }
}
