package dev.tpop.cli;

import dev.tpop.core.Personalizer;
import dev.tpop.core.TpopConfig;
import dev.tpop.core.backend.OpenAiEndpoints;
import dev.tpop.core.backend.RemoteBackend;
import dev.tpop.llm.ModelLocator;
import dev.tpop.llm.chat.ChatMessage;
import java.net.URI;
import java.util.List;
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

    @Option(names = "--remote", paramLabel = "URL",
            description = "Decode on an OpenAI-compatible inference server instead of in-process: its base URL (e.g."
                    + " http://localhost:8000/v1), whose /completions returns top-k logprobs with token ids (vLLM, tpop serve)."
                    + " --model must name a local GGUF of the same model (tokenizer and chat template). Implies --featurizer minilm.")
    String remote;

    @Option(names = "--remote-model", paramLabel = "NAME", description = "Model name the --remote server serves (its /v1/models id).")
    String remoteModel;

    @Option(names = "--remote-key-env", paramLabel = "VAR",
            description = "Environment variable holding the --remote server's API key. Default: OPENAI_API_KEY if set, else no key.")
    String remoteKeyEnv;

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
        TpopConfig config = base.withOverrides(flags);
        if (remote != null && config.featurizer().equals("base")) {
            if ("base".equals(featurizer)) {
                throw new IllegalArgumentException("--featurizer base needs the model's hidden states, which a --remote server"
                        + " does not return: use --featurizer minilm (the default with --remote)");
            }
            config = config.with("featurizer", "minilm");
        }
        return config;
    }

    /** For commands that only run in-process: a clear refusal of {@code --remote} rather than ignoring it. */
    void requireLocal(String command, String why) {
        if (remote != null || remoteModel != null) {
            throw new IllegalArgumentException("tpop " + command + " does not support --remote yet: " + why
                    + " (use simulate or chat with --remote)");
        }
    }

    /**
     * The engine this command decodes on: the model in-process, or (with {@code --remote}) an inference
     * server, the local GGUF then giving only the tokenizer and chat template so prompts match exactly.
     */
    public Personalizer personalizer(TpopConfig config) {
        if (remote == null) {
            if (remoteModel != null) throw new IllegalArgumentException("--remote-model needs --remote URL");
            return Personalizer.local(model, config);
        }
        URI url = OpenAiEndpoints.baseUrl("--remote", remote, "http://localhost:8000/v1");
        if (remoteModel == null || remoteModel.isBlank()) {
            throw new IllegalArgumentException("--remote needs --remote-model NAME, the model id the server serves (see its /v1/models)");
        }
        RemoteBackend backend = RemoteBackend.forGguf(url, remoteModel, apiKey("--remote-key-env", remoteKeyEnv), ModelLocator.resolve(model));
        try {
            // One tiny request now, so a wrong URL, key or model name fails before anything else loads.
            backend.topK(backend.promptTokens(List.of(ChatMessage.user("Hi"))), 1);
            return Personalizer.withBackend(backend, config);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    /**
     * The API key from the environment variable an option names, else from {@code OPENAI_API_KEY} if
     * set, else none (local servers rarely want one). A variable named but unset is a typo worth
     * refusing rather than sending no key.
     */
    static String apiKey(String option, String variable) {
        String key = System.getenv(variable == null ? "OPENAI_API_KEY" : variable);
        if (variable != null && (key == null || key.isBlank())) {
            throw new IllegalArgumentException(option + " " + variable + ": that environment variable is not set");
        }
        return key == null || key.isBlank() ? null : key.strip();
    }

    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) m.put(key, value);
    }
}
