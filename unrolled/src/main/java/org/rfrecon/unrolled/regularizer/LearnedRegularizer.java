package org.rfrecon.unrolled.regularizer;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * The learned z-step of an unrolled ADMM stage: it replaces {@code prox_{R/rho}}. Implementations
 * are DJL blocks holding their parameters (one set per stage, or one shared).
 */
public interface LearnedRegularizer extends Block {

    /**
     * The z-step of stage {@code stage}.
     *
     * @param ps the parameter store of the forward pass
     * @param stage the stage index (0-based)
     * @param v {@code x + u}, shape (B, [N3,] N2, N1)
     * @param rho the stage's penalty (scalar array)
     * @param scale per-sample {@code max |A^H y|}, shape (B, 1, 1[, 1]), for scale-free thresholds
     * @param training whether gradients are being recorded
     */
    ComplexTensor apply(
            ParameterStore ps,
            int stage,
            ComplexTensor v,
            NDArray rho,
            NDArray scale,
            boolean training);
}
