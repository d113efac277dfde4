package dev.tpop.core.duel;

import dev.tpop.core.backend.DecodingBackend;
import dev.tpop.core.reward.Aggregation;
import java.util.Arrays;
import java.util.Set;

/** Mutable bookkeeping of one arm while it is decoded; becomes an {@link ArmResponse} at the end. */
final class ArmState {
    final int[] tokens;
    final float[][] features;
    final double[] gradientSum;
    double[] lastGradient;
    int length;
    int fallbacks;
    boolean finished;

    ArmState(int maxTokens, int gradientDimension) {
        this.tokens = new int[maxTokens];
        this.features = new float[maxTokens][];
        this.gradientSum = new double[gradientDimension];
        this.lastGradient = new double[gradientDimension];
    }

    int[] tokens() {
        return Arrays.copyOf(tokens, length);
    }

    void append(int token, float[] phi, double[] gradient, Aggregation aggregation) {
        tokens[length] = token;
        features[length] = phi;
        length++;
        for (int j = 0; j < gradient.length; j++) gradientSum[j] += gradient[j];
        lastGradient = gradient;
    }

    /** g(x, y_<=p): the sum of the steps' gradients, or the last step's for whole-text features. */
    double[] responseGradient(Aggregation aggregation) {
        return aggregation == Aggregation.SUM_OVER_TOKENS ? gradientSum.clone() : lastGradient.clone();
    }

    ArmResponse toResponse(DecodingBackend backend, Set<Integer> endOfSequence, Aggregation aggregation) {
        int[] all = tokens();
        int textLength = length > 0 && endOfSequence.contains(all[length - 1]) ? length - 1 : length;
        String text = backend.decode(Arrays.copyOf(all, textLength));
        boolean eos = textLength < length;
        return new ArmResponse(all, text, Arrays.copyOf(features, length), responseGradient(aggregation), eos, fallbacks);
    }
}
