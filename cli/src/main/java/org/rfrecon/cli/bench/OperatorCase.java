package org.rfrecon.cli.bench;

import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.operator.LinearOperator;

/**
 * One application of a {@link LinearOperator}, forward or adjoint, on a given random input: the
 * dense matrix, the batched Kronecker form, the per-subcarrier loop or the volume operator.
 */
final class OperatorCase {

    private OperatorCase() {}

    /**
     * Times {@code op.forward(x)} (or {@code op.adjoint(x)}).
     *
     * @param flop real flop of one application
     * @param counted bytes counted from the shapes, used where memory cannot be measured
     * @param base the memory reading taken before the operator was built
     */
    static BenchRow run(
            BenchContext ctx,
            String name,
            LinearOperator op,
            boolean adjoint,
            ComplexTensor x,
            double flop,
            long counted,
            BenchContext.MemoryMark base)
            throws Exception {
        Timings.Step step = adjoint ? () -> op.adjoint(x) : () -> op.forward(x);
        return ctx.row(name, step, flop, counted, base);
    }
}
