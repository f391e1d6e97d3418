package org.rfrecon.core.solver;

import ai.djl.ndarray.NDArray;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.script.TorchScriptProgram;

/**
 * The ADMM x-step by conjugate gradients on {@code (A^H A + rho I) x = rhs}, warm-started. With a
 * {@link StoppingRule#fixed} rule it runs a fixed number of iterations with no host reads and no
 * data-dependent branch, which is what the unrolled network differentiates through. Axes of the
 * right-hand side before the operator's domain are a batch of independent systems (one step length
 * per sample; see {@link ConjugateGradients}).
 *
 * <p>{@link #solveShifted} is the same solve given {@code A^H A} of the warm start, returning
 * {@code A^H A} of the solution too: the classical {@link Admm} carries that product from one
 * iteration to the next, so each x-step applies the normal operator once per CG iteration and never
 * to its warm start (one normal application per ADMM iteration at one CG iteration, not two).
 *
 * @param op the sensing operator {@code A}
 * @param rule iterations and tolerance of each solve
 */
public record CgXStep(LinearOperator op, StoppingRule rule) implements XStep {

    /**
     * The solve; with a fixed iteration count on a float32 operator that has a {@link
     * LinearOperator#normalProgram}, the whole loop is one compiled program ({@link CgProgram}: on
     * the CPU recorded by autograd when it is on; on GPUs only where autograd is off, as in a
     * checkpointed step's first pass or in inference), unless compiled programs are off ({@link
     * TorchScriptProgram#enabled}).
     */
    @Override
    public ComplexTensor solve(ComplexTensor rhs, NDArray rho, ComplexTensor warmStart) {
        if (TorchScriptProgram.enabled()) {
            java.util.Optional<CgProgram> program = CgProgram.of(op, rule);
            if (program.isPresent() && program.get().accepts(rhs, rho)) {
                return program.get().solve(rhs, rho, warmStart);
            }
        }
        return ConjugateGradients.solve(
                x -> {
                    try (ComplexTensor n = op.normal(x)) {
                        return n.add(x.scale(rho));
                    }
                },
                rhs,
                warmStart,
                batchDims(rhs),
                rule,
                null);
    }

    /**
     * The x-step given {@code A^H A warmStart}; returns the solution with its normal product.
     *
     * @param rhs the right-hand side
     * @param rho the penalty, a scalar array
     * @param warmStart the initial guess, or {@code null} for zero
     * @param normalOfWarmStart {@code A^H A warmStart}, or {@code null} to compute it
     */
    public ConjugateGradients.Shifted solveShifted(
            ComplexTensor rhs,
            NDArray rho,
            ComplexTensor warmStart,
            ComplexTensor normalOfWarmStart) {
        return ConjugateGradients.solveShifted(
                op::normal, rho, rhs, warmStart, normalOfWarmStart, batchDims(rhs), rule);
    }

    /** The leading axes of {@code rhs} before the operator's domain: a batch of systems. */
    private int batchDims(ComplexTensor rhs) {
        return rhs.getShape().dimension() - op.domainShape().dimension();
    }
}
