package dev.tpop.cli;

import dev.tpop.core.Personalizer;
import dev.tpop.core.TpopConfig;
import dev.tpop.core.backend.OpenAiEndpoints;
import dev.tpop.core.backend.LocalBackend;
import dev.tpop.eval.compare.EvalPreset;
import dev.tpop.eval.compare.EvalPrompts;
import dev.tpop.eval.compare.EvalReport;
import dev.tpop.eval.compare.EvalSummary;
import dev.tpop.eval.compare.Evaluation;
import dev.tpop.eval.judge.LocalLlmJudge;
import dev.tpop.eval.judge.OpenAiJudge;
import dev.tpop.eval.judge.PairwiseJudge;
import dev.tpop.eval.judge.ScoreJudge;
import dev.tpop.eval.user.SimulatedUsers;
import java.io.PrintStream;
import java.nio.file.Files;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Compares T-POP with the papers' baselines on held-out prompts and writes a report; resumable. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Compare Base, Pref, BS16, LA, Amulet and T-POP on held-out prompts, per attribute.",
                "T-POP learns on training prompts from a simulated user (per seed); every method answers the same held-out"
                        + " prompts. Writes report.md (score, repetition, ablation and win-rate tables), curve-ATTR.png and"
                        + " one JSON file per finished cell into --out; rerunning into the same folder resumes and never"
                        + " recomputes a finished cell.",
                "Presets: smoke (2 held-out + 4 train prompts, 16 tokens, concise, T<=4, 3 seeds; ~2.5 min on 2 cores),"
                        + " paper (8 held-out + 60 train prompts from the four shared sets, 24 tokens, 4 attributes,"
                        + " T in 0,10,20,40,60, 3 seeds; about an hour on 2 cores)."})
public final class EvalCommand implements Callable<Integer> {
    @Mixin
    EngineOptions engine;

    @Option(names = "--models", split = ",", paramLabel = "MODEL",
            description = "Several models (comma-separated, as for --model), evaluated one after the other into one report.")
    List<String> models;

    @Option(names = "--preset", defaultValue = "smoke", description = "smoke or paper. Default: ${DEFAULT-VALUE}.")
    String presetName;

    @Option(names = {"-a", "--attributes"}, split = ",", paramLabel = "ATTR",
            description = "Attributes (comma-separated), e.g. creative,verbose,concise,uplifting; any of: formal, pleasant, complex, sycophantic or a plug-in's.")
    List<String> attributes;

    @Option(names = "--methods", split = ",", paramLabel = "NAME", description = "Baselines to run: Base,Pref,BS16,LA,Amulet (T-POP always runs).")
    List<String> methods;

    @Option(names = {"-p", "--prompts"}, split = ",", paramLabel = "FILE",
            description = "Prompt sets (comma-separated .json/.jsonl/.txt files, or names in --prompts-dir). Default: the preset's.")
    List<String> promptSets;

    @Option(names = "--prompts-dir", paramLabel = "DIR", description = "Where the shared prompt sets are. Default: ../shared/data/prompts.")
    Path promptsDir;

    @Option(names = "--held-out-per-set", paramLabel = "N") Integer heldOutPerSet;

    @Option(names = "--train-per-set", paramLabel = "N") Integer trainPerSet;

    @Option(names = "--rounds", split = ",", paramLabel = "T", description = "Sweep over T, e.g. 0,10,20,40,60; the largest is the main table's T.")
    List<Integer> rounds;

    @Option(names = "--seeds", split = ",", paramLabel = "S", description = "T-POP seeds, e.g. 0,1,2.")
    List<Long> seeds;

    @Option(names = "--noise", paramLabel = "TEMP", description = "BTL temperature of the simulated user while T-POP learns.")
    Double noise;

    @Option(names = "--la-ratio", paramLabel = "R", description = "LA's ratio. Default 2.0 (the Amulet code's).")
    Double laRatio;

    @Option(names = "--la-top-p", paramLabel = "P",
            description = "Restrict LA's choice to the top-p nucleus of the preference prompt's distribution (as the original LA code). Default 1 = off.")
    Double laTopP;

    @Option(names = "--ablation-seeds", paramLabel = "N",
            description = "Run the no-exploration ablation for the first N seeds (0 = skip it). Default: the preset's.")
    Integer ablationSeeds;

    @Option(names = "--no-local-judge", description = "Skip the local model as pairwise judge.") boolean noLocalJudge;

    @Option(names = "--judge-url", paramLabel = "URL",
            description = "OpenAI-compatible base URL (e.g. https://api.openai.com/v1) of a remote pairwise judge.")
    String judgeUrl;

    @Option(names = "--judge-model", defaultValue = "gpt-4o", description = "Model of the remote judge. Default: ${DEFAULT-VALUE}.")
    String judgeModel;

    @Option(names = "--judge-key-env", paramLabel = "VAR",
            description = "Environment variable holding the remote judge's API key. Default: OPENAI_API_KEY if set, else no key.")
    String judgeKeyEnv;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output folder (resumes if it exists). Default: results/eval/PRESET.")
    Path out;

    @Override
    public Integer call() throws Exception {
        engine.requireLocal("eval", "the baselines (beam search, the local judge) need the model in-process");
        EvalPreset preset = preset();
        for (String a : preset.attributes()) SimulatedUsers.create(a, 0, 0); // fail early on a typo
        if (promptsDir != null && !Files.isDirectory(promptsDir)) {
            throw new IllegalArgumentException("--prompts-dir " + promptsDir + " is not a folder; point it at the shared prompt sets (e.g. ../shared/data/prompts)");
        }
        OpenAiJudge remoteJudge = remoteJudge();
        Path shared = promptsDir != null ? promptsDir : Path.of(System.getProperty("tpop.shared.dir", "../shared"), "data", "prompts");
        EvalPrompts prompts = EvalPrompts.load(preset, Files.isDirectory(shared) ? shared : null);
        TpopConfig config = engine.config(0);
        Path dir = out != null ? out : Path.of("results", "eval", preset.name());
        PrintStream o = System.out;
        List<String> specs = models != null ? models : List.of(engine.model);
        List<EvalSummary> runs = new ArrayList<>();
        for (String spec : specs) {
            try (Personalizer p = Personalizer.local(spec, config)) {
                Map<String, PairwiseJudge> judges = new LinkedHashMap<>();
                judges.put("score", new ScoreJudge());
                if (preset.localJudge() && p.backend() instanceof LocalBackend local) judges.put("local", new LocalLlmJudge(local));
                if (remoteJudge != null) judges.put(remoteJudge.id(), remoteJudge);
                o.printf("tpop eval (%s): model %s, attributes %s, %d train / %d held-out prompts, T sweep %s, seeds %s -> %s%n",
                        preset.name(), p.backend().modelId(), preset.attributes(), prompts.train().size(), prompts.heldOut().size(),
                        preset.rounds(), preset.seeds(), dir);
                EvalSummary summary = new Evaluation(preset, prompts, p.backend(), config, judges, dir).run();
                o.printf("%s: %d cells computed, %d reused; %.0f s%n", summary.model(), summary.computed(), summary.reused(), summary.seconds());
                runs.add(summary);
            }
        }
        Path report = EvalReport.write(runs, dir);
        o.println(Files.readString(report).lines().takeWhile(l -> !l.startsWith("## Repetition")).reduce("", (a, b) -> a + b + "\n"));
        o.println("wrote " + report + " (with summary.json, curve-ATTR.png and cells/ beside it)");
        return 0;
    }

    /** The remote judge, asked one tiny question now: a wrong URL, key or model must not wait for hours of decoding. */
    private OpenAiJudge remoteJudge() {
        if (judgeUrl == null) {
            if (judgeKeyEnv != null) throw new IllegalArgumentException("--judge-key-env needs --judge-url URL");
            return null;
        }
        URI url = OpenAiEndpoints.baseUrl("--judge-url", judgeUrl, "https://api.openai.com/v1");
        OpenAiJudge judge = new OpenAiJudge(url, EngineOptions.apiKey("--judge-key-env", judgeKeyEnv), judgeModel);
        judge.probe();
        return judge;
    }

    private EvalPreset preset() {
        EvalPreset b = EvalPreset.named(presetName);
        List<Long> s = seeds != null ? seeds : b.seeds();
        return new EvalPreset(b.name(), promptSets != null ? promptSets : b.promptSets(),
                trainPerSet != null ? trainPerSet : b.trainPerSet(), heldOutPerSet != null ? heldOutPerSet : b.heldOutPerSet(),
                b.splitSeed(), engine.maxNewTokens != null ? engine.maxNewTokens : b.maxNewTokens(),
                rounds != null ? rounds : b.rounds(), s,
                attributes != null ? attributes.stream().map(String::strip).toList() : b.attributes(),
                methods != null ? methods.stream().map(String::strip).toList() : b.baselines(),
                ablationSeeds != null ? ablationSeeds : Math.min(b.ablationSeeds(), s.size()), b.localJudge() && !noLocalJudge,
                noise != null ? noise : b.userNoise(), laRatio != null ? laRatio : b.laRatio(), laTopP != null ? laTopP : b.laTopP());
    }
}
