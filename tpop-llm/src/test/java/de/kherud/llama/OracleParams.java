package de.kherud.llama;

/**
 * Test-only access to llama.cpp server request fields that {@link InferenceParameters} (4.2.0) has no
 * setter for. It lives in de.kherud.llama because the parameter map is package-private; values are
 * raw JSON.
 */
public final class OracleParams {
    private OracleParams() {}

    /** Sets a raw JSON request field, e.g. {@code ("post_sampling_probs", "true")}. */
    public static InferenceParameters set(InferenceParameters p, String key, String rawJson) {
        p.parameters.put(key, rawJson);
        return p;
    }
}
