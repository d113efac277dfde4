package dev.tpop.bench;

import de.kherud.llama.InferenceParameters;
import de.kherud.llama.LlamaModel;
import de.kherud.llama.ModelParameters;
import de.kherud.llama.RawRequest;
import de.kherud.llama.args.LogFormat;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * llama.cpp's greedy decoding of the same GGUF through de.kherud:llama (JNI): the outside reference
 * for our engine's speed.
 *
 * <p>How it is kept comparable: the prompt is sent as our token ids (so both decode exactly the same
 * tokens), end-of-sequence is ignored (so both produce exactly M tokens), the thread count is ours,
 * and the prompt is prefilled by an untimed one-token request first ({@code cache_prompt}), so the
 * timed request is decoding only, as it is for our engine. The binding's {@code n_probs} is never
 * used: in 4.2.0 it aborts the JVM.
 */
final class LlamaCppGreedy implements AutoCloseable {
    private final LlamaModel model;

    LlamaCppGreedy(Path gguf, int threads, int context) {
        LlamaModel.setLogger(LogFormat.TEXT, (level, message) -> {});
        this.model = new LlamaModel(new ModelParameters().setModel(gguf.toString())
                .setThreads(threads).setThreadsBatch(threads).setCtxSize(context).disableLog());
    }

    /** {@code tokens} greedy tokens after {@code prompt}; the prompt's prefill is not timed. */
    Sample decode(int[] prompt, int tokens) {
        model.complete(request(prompt, 1));
        long t0 = System.nanoTime();
        model.complete(request(prompt, tokens));
        return new Sample(System.nanoTime() - t0, tokens);
    }

    private static InferenceParameters request(int[] prompt, int tokens) {
        InferenceParameters p = new InferenceParameters("").setTemperature(0).setNPredict(tokens).setSeed(1)
                .setCachePrompt(true).setIgnoreEos(true);
        return RawRequest.set(p, "prompt", Arrays.toString(prompt));
    }

    @Override
    public void close() {
        model.close();
    }
}
