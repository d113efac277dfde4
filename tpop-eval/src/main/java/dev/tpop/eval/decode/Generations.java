package dev.tpop.eval.decode;

import dev.tpop.core.backend.DecodingBackend;

/** Turns generated token ids into a {@link Generation}, leaving a final end-of-sequence token out of the text. */
final class Generations {
    private Generations() {}

    static Generation of(DecodingBackend backend, int[] tokens) {
        int textLength = tokens.length > 0 && backend.endOfSequenceIds().contains(tokens[tokens.length - 1])
                ? tokens.length - 1 : tokens.length;
        return new Generation(backend.decode(java.util.Arrays.copyOf(tokens, textLength)), tokens);
    }
}
