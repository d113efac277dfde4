package dev.tpop.cli;

import dev.tpop.core.TpopConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options every command that decodes shares. Precedence: the paper's defaults, then
 * {@code --config FILE}, then individual flags; an unset flag changes nothing.
 */
public final class EngineOptions {
    @Option(names = {"-m", "--model"}, paramLabel = "MODEL", defaultValue = "default",
            description = "GGUF model: 'default' (SmolLM2-135M-Instruct from scripts/setup.sh),"
                    + " 'qwen2.5-coder-0.5b' (Qwen2.5-Coder-0.5B-Instruct from scripts/fetch-second-model.sh), a path to a .gguf file,"
                    + " or hf:OWNER/REPO/FILE.gguf (downloaded once; needs internet). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON file overriding the defaults, e.g. {\"omega\": 2.0, \"topK\": 10}. Flags below override it.")
    Path configFile;

    @Option(names = "--omega", paramLabel = "W", description = "Weight of the reward in S(v) = pi(v) + omega * r. Default 1.0; 0 = base model.")
    Double omega;

    @Option(names = "--nu", paramLabel = "NU", description = "Weight of the UCB exploration bonus of the explore arm. Default 0.5.")
    Double nu;

    @Option(names = {"-k", "--top-k"}, paramLabel = "K", description = "Candidates re-ranked per token (clamped to the vocabulary). Default 20.")
    Integer topK;

    @Option(names = {"-M", "--max-new-tokens"}, paramLabel = "M", description = "Most tokens per answer. Default 128.")
    Integer maxNewTokens;

    @Option(names = "--lambda", paramLabel = "L", description = "L2 weight of the BTL refit and V_0 = lambda*I. Default 1.0.")
    Double lambda;

    @Option(names = "--score-mode", paramLabel = "MODE",
            description = "How the base model enters the score: PROBABILITY (the paper) or LOG_PROBABILITY. Default PROBABILITY.")
    TpopConfig.ScoreMode scoreMode;

    @Option(names = "--featurizer", paramLabel = "NAME",
            description = "Reward features: 'base' (the model's hidden state + token embedding; cheap) or 'minilm'"
                    + " (all-MiniLM-L6-v2 text encoder over query + answer so far; slower). Default base.")
    String featurizer;

    @Option(names = "--hidden-units", paramLabel = "H", description = "Hidden width of the reward MLP. Default 32.")
    Integer hiddenUnits;

    @Option(names = "--refit-epochs", paramLabel = "N", description = "Adam steps per background refit. Default 60.")
    Integer refitEpochs;

    /** The effective config and a note for each value that was clamped. */
    public TpopConfig config(long seed) {
        TpopConfig base = configFile == null ? TpopConfig.defaults() : TpopConfig.load(configFile);
        Map<String, Object> flags = new LinkedHashMap<>();
        put(flags, "omega", omega);
        put(flags, "nu", nu);
        put(flags, "topK", topK);
        put(flags, "maxNewTokens", maxNewTokens);
        put(flags, "lambda", lambda);
        put(flags, "scoreMode", scoreMode == null ? null : scoreMode.name());
        put(flags, "featurizer", featurizer);
        put(flags, "hiddenUnits", hiddenUnits);
        put(flags, "refitEpochs", refitEpochs);
        flags.put("seed", seed);
        return base.withOverrides(flags);
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) m.put(key, value);
    }
}
