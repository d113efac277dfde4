package dev.tpop.core.reward;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The per-user reward r(phi; theta): a one-hidden-layer ReLU MLP, {@code r = w2 . relu(W1 phi + b1) + b2}.
 *
 * <p>Immutable: a refit produces a new instance and sessions swap the reference atomically, so a
 * decode in flight keeps the theta it started with. The last layer starts at zero, which makes a
 * cold-start user's exploit arm exactly the base model's greedy decoding; the first layer starts
 * He-random so the hidden activations (the UCB's features) are informative from round one.
 *
 * <p>Parameters are one flat array laid out as {@code W1 (hidden x input, row-major), b1, w2, b2}.
 */
public final class RewardNetwork {
    private final int inputDimension;
    private final int hiddenUnits;
    private final double[] theta;

    public RewardNetwork(int inputDimension, int hiddenUnits, double[] theta) {
        if (theta.length != parameterCount(inputDimension, hiddenUnits)) {
            throw new IllegalArgumentException("theta has " + theta.length + " values, expected "
                    + parameterCount(inputDimension, hiddenUnits) + " for " + inputDimension + " inputs and " + hiddenUnits + " hidden units");
        }
        this.inputDimension = inputDimension;
        this.hiddenUnits = hiddenUnits;
        this.theta = theta.clone();
    }

    public static int parameterCount(int inputDimension, int hiddenUnits) {
        return hiddenUnits * inputDimension + 2 * hiddenUnits + 1;
    }

    public static RewardNetwork initialize(int inputDimension, int hiddenUnits, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] t = new double[parameterCount(inputDimension, hiddenUnits)];
        double scale = Math.sqrt(2.0 / inputDimension);
        for (int i = 0; i < hiddenUnits * inputDimension; i++) {
            t[i] = scale * gaussian(random);
        }
        return new RewardNetwork(inputDimension, hiddenUnits, t);
    }

    /** theta_0 for a featurizer: its reward input length follows the featurizer's aggregation. */
    public static RewardNetwork initialize(Featurizer featurizer, int hiddenUnits, long seed) {
        return initialize(featurizer.aggregation().rewardInputs(featurizer.dimension()), hiddenUnits, seed);
    }

    public int inputDimension() { return inputDimension; }

    public int hiddenUnits() { return hiddenUnits; }

    /** d of the UCB: the parameters of the last layer (w2 and b2), whose gradient is [relu(W1 phi + b1); 1]. */
    public int lastLayerDimension() { return hiddenUnits + 1; }

    public double[] theta() { return theta.clone(); }

    public double reward(float[] phi) {
        return forward(phi, null);
    }

    /**
     * r(phi) and, into {@code lastLayerGradient} (length hiddenUnits + 1) when non-null, the gradient
     * of r with respect to the last layer: the hidden activations followed by 1 for the bias.
     */
    public double forward(float[] phi, double[] lastLayerGradient) {
        if (phi.length != inputDimension) {
            throw new IllegalArgumentException("features have " + phi.length + " values, the reward expects " + inputDimension);
        }
        int w2 = hiddenUnits * inputDimension + hiddenUnits;
        double r = theta[w2 + hiddenUnits];
        for (int h = 0; h < hiddenUnits; h++) {
            double z = theta[hiddenUnits * inputDimension + h];
            int row = h * inputDimension;
            for (int i = 0; i < inputDimension; i++) z += theta[row + i] * phi[i];
            double a = z > 0 ? z : 0;
            if (lastLayerGradient != null) lastLayerGradient[h] = a;
            r += theta[w2 + h] * a;
        }
        if (lastLayerGradient != null) lastLayerGradient[hiddenUnits] = 1.0;
        return r;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RewardNetwork n && n.inputDimension == inputDimension && n.hiddenUnits == hiddenUnits
                && Arrays.equals(n.theta, theta);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(theta);
    }

    static double gaussian(SplittableRandom random) {
        double u1 = random.nextDouble(), u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
