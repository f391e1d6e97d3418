package org.rfrecon.core.solver;

import ai.djl.ndarray.NDArray;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * The z-step of ADMM: {@code z = prox_{R/rho}(v)}. The classical solver uses a {@link
 * org.rfrecon.core.prox.Prox}; the unrolled network puts a learned regularizer here.
 */
@FunctionalInterface
public interface ZStep {

    /** {@code prox_{R/rho}(v)}; {@code rho} is a scalar array. */
    ComplexTensor apply(ComplexTensor v, NDArray rho);
}
