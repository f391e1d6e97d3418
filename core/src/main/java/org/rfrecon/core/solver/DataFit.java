package org.rfrecon.core.solver;

import ai.djl.ndarray.NDManager;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.operator.LinearOperator;

/** The data-fidelity term every solver's objective starts with. */
final class DataFit {

    private DataFit() {}

    /** {@code 1/2 ||A x - y||^2} (one host read; the residual is freed). */
    static double halfSquared(LinearOperator op, ComplexTensor x, ComplexTensor y) {
        try (NDManager m = y.getManager().newSubManager()) {
            ComplexTensor ax = op.forward(x).attach(m);
            return 0.5 * Scalars.value(ax.sub(y).norm2Squared());
        }
    }
}
