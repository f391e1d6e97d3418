package org.rfrecon.unrolled.regularizer;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * The learned z-step of an unrolled ADMM stage: it replaces {@code prox_{R/rho}}. Implementations
 * are DJL blocks holding their parameters (one set per stage, or one shared); {@link
 * AbstractRegularizer} does their block wiring.
 */
public interface LearnedRegularizer extends Block {

    /**
     * The z-step of a stage.
     *
     * @param stage which stage, in which forward pass
     * @param v {@code x + u}, shape (B, [N3,] N2, N1)
     * @param rho the stage's penalty (scalar array)
     */
    ComplexTensor apply(Stage stage, ComplexTensor v, NDArray rho);

    /**
     * A stage of a forward pass, as a regularizer sees it.
     *
     * @param ps the parameter store of the forward pass
     * @param index the stage index (0-based)
     * @param scale per-sample {@code max |A^H y|}, shape (B, 1, 1[, 1]), for scale-free thresholds
     * @param training whether gradients are being recorded
     */
    record Stage(ParameterStore ps, int index, NDArray scale, boolean training) {}
}
