package org.rfrecon.training;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;

/**
 * What the trainer needs of a trainable reconstruction network: its parameters, a forward pass, and
 * a gradient step. The gradient step hides how gradients are obtained, so the trainer drives a
 * network trained through the full autograd graph (DJL's GradientCollector over the whole forward)
 * and one trained with gradient checkpointing (stage by stage) through one interface.
 *
 * <p>Inputs and outputs follow the project's channel-first NDList convention: measurements {@code
 * (B, 2, P, F, M2, M1)} and scenes {@code (B, 2, [N3,] N2, N1)}, axis 1 holding (real, imaginary),
 * as {@code SimulatedDataset} yields them.
 */
public interface Reconstructor {

    /** The block whose parameters are trained. */
    Block block();

    /** Reconstructs a batch; no gradient is recorded. */
    NDList reconstruct(NDList measurements);

    /**
     * Runs forward and backward on a batch and accumulates the gradient of {@code loss(truth,
     * reconstruct(measurements))} into the block's parameters.
     *
     * @return the loss value
     */
    double accumulateGradients(NDList measurements, NDList truth, Loss loss);
}
