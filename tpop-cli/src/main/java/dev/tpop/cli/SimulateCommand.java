package dev.tpop.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tpop.core.Personalizer;
import dev.tpop.core.TpopConfig;
import dev.tpop.eval.prompts.PromptSet;
import dev.tpop.eval.prompts.PromptSplit;
import dev.tpop.eval.simulate.Simulation;
import dev.tpop.eval.simulate.SimulationResult;
import dev.tpop.eval.user.SimulatedUser;
import dev.tpop.eval.user.SimulatedUsers;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The main job: a simulated user personalizes the model; held-out scores show whether it worked. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Personalize the model for a simulated user and measure it on held-out prompts.",
                "Each round decodes an exploit and an explore answer to a training prompt; the simulated user picks"
                        + " one (BTL-noisy) and the reward is refit. At checkpoints the exploit arm answers held-out"
                        + " prompts never used for learning and the user's noise-free score is recorded.",
                "Writes result.json and learning-curve.png into --out."})
public final class SimulateCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Option(names = {"-a", "--attribute"}, defaultValue = "concise", paramLabel = "ATTR",
            description = "Simulated user's preference: concise, verbose, uplifting, creative (also formal, pleasant,"
                    + " complex, sycophantic, or a plug-in's name). Default: ${DEFAULT-VALUE}.")
    String attribute;

    @Option(names = {"-p", "--prompts"}, defaultValue = "default", paramLabel = "SOURCE",
            description = "Prompt source: 'default' (shipped set), a .json/.jsonl/.txt file such as"
                    + " ../shared/data/prompts/HelpSteer_train.json, or hf:OWNER/DATASET[:split[:field]]. Default: ${DEFAULT-VALUE}.")
    String prompts;

    @Option(names = {"-T", "--rounds"}, defaultValue = "20", paramLabel = "T", description = "Rounds of feedback. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--held-out", defaultValue = "8", paramLabel = "N", description = "Held-out prompts scored at each checkpoint. Default: ${DEFAULT-VALUE}.")
    int heldOut;

    @Option(names = "--checkpoint-every", defaultValue = "5", paramLabel = "R", description = "Score the held-out prompts every R rounds. Default: ${DEFAULT-VALUE}.")
    int checkpointEvery;

    @Option(names = "--noise", defaultValue = "0.1", paramLabel = "TEMP",
            description = "BTL temperature of the simulated user's choices (0 = always picks the higher score). Default: ${DEFAULT-VALUE}.")
    double noise;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the split, the user's noise and the reward. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder. Default: results/simulate/ATTR-TIMESTAMP.")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (rounds < 0) throw new IllegalArgumentException("--rounds must be >= 0");
        if (heldOut < 1) throw new IllegalArgumentException("--held-out must be >= 1");
        if (checkpointEvery < 1) throw new IllegalArgumentException("--checkpoint-every must be >= 1");
        TpopConfig config = engine.config(seed);
        SimulatedUser user = SimulatedUsers.create(attribute, noise, seed);
        PromptSet set = PromptSet.load(prompts);
        if (set.size() < heldOut + 1) {
            throw new IllegalArgumentException(prompts + " has " + set.size() + " prompts; need more than --held-out " + heldOut);
        }
        PromptSplit split = set.split(seed, Math.min(0.5, (double) heldOut / set.size()));
        List<String> held = split.heldOut().subList(0, Math.min(heldOut, split.heldOut().size()));
        List<String> train = split.train();
        PrintStream o = System.out;
        Path dir = out != null ? out : Path.of("results", "simulate",
                attribute + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try (Personalizer p = engine.personalizer(config)) {
            // after the model (or --remote server) is known good, so a refused start leaves no empty folder behind;
            // before the run, so a folder that cannot be made fails now rather than after it
            Files.createDirectories(dir);
            if (config.topK() > p.backend().vocabularySize()) {
                o.printf("note: top-k %d is larger than the vocabulary; using %d%n", config.topK(), p.backend().vocabularySize());
            }
            o.printf("tpop simulate: model %s, user '%s' (noise %.2f), %d rounds on %d training prompts, %d held-out prompts from %s%n",
                    p.backend().modelId(), attribute, noise, rounds, train.size(), held.size(), set.source());
            Simulation.Plan plan = new Simulation.Plan(p.backend().modelId(), set.source(), train, held, rounds,
                    checkpointEvery, seed, noise, 3);
            SimulationResult result = new Simulation(p.backend(), p.featurizer(), config).run(plan, user);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("result.json").toFile(), result);
            Path png = dir.resolve("learning-curve.png");
            Simulation.plot(result, png);
            printSummary(o, result, dir, png);
        }
        return 0;
    }

    static void printSummary(PrintStream o, SimulationResult r, Path dir, Path png) {
        o.println();
        o.printf("Held-out %s score (higher is better), %d prompts:%n", r.attribute(), r.heldOutPrompts());
        o.printf("  %-24s %10.4f%n", "base greedy", r.baseScore());
        for (SimulationResult.Checkpoint c : r.checkpoints()) {
            o.printf("  %-24s %10.4f  (s.e. %.4f; %5.1f words/answer, %4.1f%% repeated 3-grams)%n",
                    "exploit after " + c.round() + (c.round() == 1 ? " round" : " rounds"), c.meanScore(), c.standardError(), c.meanWords(),
                    100 * c.meanRepetition());
        }
        double delta = r.last().meanScore() - r.baseScore();
        o.printf("  personalized - base = %+.4f  (%s)%n", delta, delta > 0 ? "personalized is better" : "no gain");
        java.util.Map<String, Integer> c = r.preferenceCounts();
        o.printf("user chose the exploit arm %d times, the explore arm %d times (ties %d, both bad %d); %.0f s%n",
                c.get("first"), c.get("second"), c.get("tie"), c.get("both_bad"), r.seconds());
        o.printf("wrote %s and %s%n", dir.resolve("result.json"), png);
    }
}
