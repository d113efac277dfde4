package de.kherud.llama;

/**
 * Request fields that {@link InferenceParameters} (4.2.0) has no setter for, set as raw JSON.
 *
 * <p>Why this package: the binding keeps its parameter map package-private. The bench needs it to
 * send llama.cpp the prompt as token ids (a JSON array), so both engines decode exactly the same
 * tokens instead of each re-tokenizing text.
 */
public final class RawRequest {
    private RawRequest() {}

    public static InferenceParameters set(InferenceParameters p, String key, String rawJson) {
        p.parameters.put(key, rawJson);
        return p;
    }
}
