package dev.tpop.core.duel;

import dev.tpop.core.backend.DecodingBackend;
import java.util.Arrays;
import java.util.Set;

/** Mutable bookkeeping of one arm while it is decoded; becomes an {@link ArmResponse} at the end. */
final class ArmState {
    final int[] tokens;
    /** Sum of the chosen tokens' featurizer rows (for mean pooling). */
    final float[] tokenRowSum;
    /** Reward input and last-layer gradient of the response so far. */
    float[] rewardInput;
    double[] gradient;
    int length;
    int fallbacks;
    boolean finished;

    ArmState(int maxTokens, int featureDimension, int rewardInputs, int gradientDimension) {
        this.tokens = new int[maxTokens];
        this.tokenRowSum = new float[featureDimension];
        this.rewardInput = new float[rewardInputs];
        this.gradient = new double[gradientDimension];
    }

    int[] tokens() {
        return Arrays.copyOf(tokens, length);
    }

    void append(int token, float[] tokenRow, float[] input, double[] inputGradient) {
        tokens[length++] = token;
        for (int i = 0; i < tokenRowSum.length; i++) tokenRowSum[i] += tokenRow[i];
        rewardInput = input;
        gradient = inputGradient;
    }

    ArmResponse toResponse(DecodingBackend backend, Set<Integer> endOfSequence) {
        int[] all = tokens();
        int textLength = length > 0 && endOfSequence.contains(all[length - 1]) ? length - 1 : length;
        String text = backend.decode(Arrays.copyOf(all, textLength));
        boolean endedByEos = textLength < length;
        if (!endedByEos) {
            // cut at M tokens, possibly inside a multi-byte character: drop its incomplete bytes
            int end = text.length();
            while (end > 0 && text.charAt(end - 1) == '\uFFFD') end--;
            text = text.substring(0, end);
        }
        return new ArmResponse(all, text, rewardInput, gradient.clone(), endedByEos, fallbacks);
    }
}
