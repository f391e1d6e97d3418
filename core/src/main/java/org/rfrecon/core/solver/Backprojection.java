package org.rfrecon.core.solver;

import ai.djl.ndarray.NDManager;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.operator.LinearOperator;

/**
 * Backprojection {@code x = c A^H y}, with the real scale {@code c = ||A^H y||^2 / ||A A^H y||^2}
 * that best explains the data ({@code c} minimises {@code ||A (c A^H y) - y||}). Without it, {@code
 * A^H y} carries the operator's gain (path loss times the number of measurements) and its NMSE
 * against the scene says nothing; with it, the comparison with other methods is fair.
 */
public final class Backprojection {

    private Backprojection() {}

    /** The scaled backprojection of {@code y}; owned by {@code y}'s manager. */
    public static ComplexTensor apply(LinearOperator op, ComplexTensor y) {
        NDManager owner = y.getManager();
        try (NDManager m = owner.newSubManager()) {
            ComplexTensor bp = op.adjoint(y).attach(m);
            ComplexTensor abp = op.forward(bp).attach(m);
            double num = Scalars.value(bp.norm2Squared());
            double den = Scalars.value(abp.norm2Squared());
            double c = den > 0 ? num / den : 0;
            return bp.scale(c).attach(owner);
        }
    }
}
