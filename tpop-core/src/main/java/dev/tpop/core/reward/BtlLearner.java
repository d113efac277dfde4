package dev.tpop.core.reward;

import java.util.List;

/**
 * Refits theta on the whole history D by minimizing the regularized BTL loss
 * {@code L(theta) = sum_s BTL(r(y_s1) - r(y_s2), l_s) + lambda ||theta - anchor||^2} with full-batch Adam.
 *
 * <p>Sessions measure the L2 term from the initialization theta_0, as the neural (dueling) bandit
 * learners T-POP builds on do (NeuralUCB: {@code lambda ||theta - theta_0||^2}). The last layer
 * starts at zero, so there it is exactly algorithm.md's {@code lambda ||theta||^2}; for the random
 * first layer, pulling towards zero would erase the random features within a few steps (Adam moves
 * every weight by ~learningRate per step, while the data gradient on the first layer starts at zero)
 * and left the reward unable to generalize: held-out direction accuracy fell from 7-8/8 to 5-6/8 in
 * our measurements on SmolLM2 answers. {@code anchor = null} gives the plain {@code ||theta||^2}.
 *
 * <p>Each refit is warm-started from the current theta: one new round moves the optimum only a
 * little, so a few dozen steps suffice and a refit stays cheap enough to run after every click.
 * The label is the user's (l = 1 iff the first response was preferred), never inverted.
 */
public final class BtlLearner {
    private final double lambda;
    private final int epochs;
    private final double learningRate;
    private final double[] anchor;

    public BtlLearner(double lambda, int epochs, double learningRate) {
        this(lambda, epochs, learningRate, null);
    }

    /**
     * @param anchor where the L2 term is measured from: null for {@code ||theta||^2}; theta_0 for
     *               {@code ||theta - theta_0||^2} (as NeuralUCB-style learners do)
     */
    public BtlLearner(double lambda, int epochs, double learningRate, double[] anchor) {
        this.lambda = lambda;
        this.epochs = epochs;
        this.learningRate = learningRate;
        this.anchor = anchor == null ? null : anchor.clone();
    }

    /** The regularized loss L(theta) over the history. */
    public double loss(RewardNetwork network, List<Comparison> history) {
        double total = 0;
        for (Comparison c : history) {
            total += BradleyTerry.loss(responseReward(network, c.first()) - responseReward(network, c.second()), c.label());
        }
        double[] t = network.theta();
        double norm = 0;
        for (int i = 0; i < t.length; i++) {
            double x = t[i] - (anchor == null ? 0 : anchor[i]);
            norm += x * x;
        }
        return total + lambda * norm;
    }

    /** r(x, y) of a whole response from its features. */
    public double responseReward(RewardNetwork network, float[] features) {
        return network.reward(features);
    }

    public RewardNetwork refit(RewardNetwork start, List<Comparison> history) {
        if (history.isEmpty()) return start;
        int inputs = start.inputDimension(), hidden = start.hiddenUnits();
        double[] theta = start.theta();
        double[] m = new double[theta.length], v = new double[theta.length], grad = new double[theta.length];
        double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
        for (int step = 1; step <= epochs; step++) {
            for (int i = 0; i < theta.length; i++) grad[i] = 2 * lambda * (theta[i] - (anchor == null ? 0 : anchor[i]));
            RewardNetwork current = new RewardNetwork(inputs, hidden, theta);
            for (Comparison c : history) {
                double gap = responseReward(current, c.first()) - responseReward(current, c.second());
                double dGap = BradleyTerry.lossGradient(gap, c.label());
                if (dGap == 0) continue;
                accumulate(theta, inputs, hidden, c.first(), dGap, grad);
                accumulate(theta, inputs, hidden, c.second(), -dGap, grad);
            }
            double c1 = 1 - Math.pow(beta1, step), c2 = 1 - Math.pow(beta2, step);
            for (int i = 0; i < theta.length; i++) {
                m[i] = beta1 * m[i] + (1 - beta1) * grad[i];
                v[i] = beta2 * v[i] + (1 - beta2) * grad[i] * grad[i];
                theta[i] -= learningRate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + eps);
            }
        }
        return new RewardNetwork(inputs, hidden, theta);
    }

    /** Adds {@code weight * d r(phi) / d theta} into grad (manual backprop). */
    private void accumulate(double[] theta, int inputs, int hidden, float[] phi, double weight, double[] grad) {
        int b1 = hidden * inputs, w2 = b1 + hidden, b2 = w2 + hidden;
        {
            grad[b2] += weight;
            for (int h = 0; h < hidden; h++) {
                double z = theta[b1 + h];
                int row = h * inputs;
                for (int i = 0; i < inputs; i++) z += theta[row + i] * phi[i];
                if (z <= 0) continue;
                grad[w2 + h] += weight * z;
                double dz = weight * theta[w2 + h];
                grad[b1 + h] += dz;
                for (int i = 0; i < inputs; i++) grad[row + i] += dz * phi[i];
            }
        }
    }
}
