package org.rfrecon.core.operator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Random;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * The dot test of an operator's adjoint: for random complex {@code x} and {@code y}, {@code <A x,
 * y>} must equal {@code <x, A^H y>}. Returns the relative discrepancy {@code |<Ax,y> - <x,A^H y>| /
 * (|A x| |y|)}, which is of the order of the dtype's rounding for a correct adjoint. Works in the
 * operator's own precision, float32 or float64.
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
            double scale = hostDouble(ax.norm()) * hostDouble(y.norm());
            return Math.hypot(lhs[0] - rhs[0], lhs[1] - rhs[1]) / scale;
        }
    }

    /** A real scalar of any floating dtype as a double (float32 is the default precision). */
    private static double hostDouble(NDArray scalar) {
        try (NDArray d = scalar.toType(DataType.FLOAT64, false)) {
            return d.getDouble();
        }
    }
}
