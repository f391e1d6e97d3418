package org.rfrecon.core.solver;

import ai.djl.ndarray.NDArray;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.operator.LinearOperator;

/**
 * The ADMM x-step by conjugate gradients on {@code (A^H A + rho I) x = rhs}, warm-started. With a
 * {@link StoppingRule#fixed} rule it runs a fixed number of iterations with no host reads and no
 * data-dependent branch, which is what the unrolled network differentiates through. Axes of the
 * right-hand side before the operator's domain are a batch of independent systems (one step length
 * per sample; see {@link ConjugateGradients}).
 */
public final class CgXStep implements XStep {

    private final LinearOperator op;
    private final StoppingRule rule;

    /**
     * @param op the sensing operator {@code A}
     * @param rule iterations and tolerance of each solve
     */
    public CgXStep(LinearOperator op, StoppingRule rule) {
        this.op = op;
        this.rule = rule;
    }

    @Override
    public ComplexTensor solve(ComplexTensor rhs, NDArray rho, ComplexTensor warmStart) {
        return ConjugateGradients.solve(
                x -> {
                    try (ComplexTensor n = op.normal(x)) {
                        return n.add(x.scale(rho));
                    }
                },
                rhs,
                warmStart,
                rhs.getShape().dimension() - op.domainShape().dimension(),
                rule,
                null);
    }
}
