package org.rfrecon.core.operator;

import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;

/**
 * The dot test of an operator's adjoint: for random complex {@code x} and {@code y}, {@code <A x,
 * y>} must equal {@code <x, A^H y>}. Returns the relative discrepancy {@code |<Ax,y> - <x,A^H y>| /
 * (|A x| |y|)}, which is of the order of the dtype's rounding for a correct adjoint.
 */
public final class AdjointCheck {

    private AdjointCheck() {}

    /** Runs the dot test once with inputs drawn from {@code rng}, in a scratch sub-manager. */
    public static double relativeError(LinearOperator op, NDManager manager, Random rng) {
        try (NDManager tmp = manager.newSubManager(op.device())) {
            ComplexTensor x = ComplexTensor.randomNormal(tmp, op.domainShape(), op.dataType(), rng);
            ComplexTensor y = ComplexTensor.randomNormal(tmp, op.rangeShape(), op.dataType(), rng);
            ComplexTensor ax = op.forward(x);
            ComplexTensor ahy = op.adjoint(y);
            double[] lhs = ax.inner(y).toInterleaved();
            double[] rhs = x.inner(ahy).toInterleaved();
            double scale = Scalars.value(ax.norm()) * Scalars.value(y.norm());
            return Math.hypot(lhs[0] - rhs[0], lhs[1] - rhs[1]) / scale;
        }
    }
}
