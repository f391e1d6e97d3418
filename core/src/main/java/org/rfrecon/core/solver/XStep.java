package org.rfrecon.core.solver;

import ai.djl.ndarray.NDArray;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * The x-step of ADMM: solves {@code (A^H A + rho I) x = rhs}. Implementations: {@link CgXStep}
 * (conjugate gradients, warm-started) and {@link KroneckerExactXStep} (the exact solve through
 * eigendecompositions when the normal operator is one Kronecker product). {@code rho} is a scalar
 * array so that a learned, differentiable penalty can flow through the unrolled network.
 */
public interface XStep {

    /**
     * Solves the system.
     *
     * @param rhs the right-hand side, (..., domain)
     * @param rho the penalty, a scalar array (broadcastable)
     * @param warmStart the initial guess (for iterative solves), or {@code null}
     */
    ComplexTensor solve(ComplexTensor rhs, NDArray rho, ComplexTensor warmStart);
}
