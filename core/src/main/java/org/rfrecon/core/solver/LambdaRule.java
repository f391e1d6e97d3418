package org.rfrecon.core.solver;

import ai.djl.ndarray.NDArray;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.operator.LinearOperator;

/**
 * The regularisation weight as a fraction of a reference (SPEC §4): of {@code ||A^H y||_inf} for l1
 * and TV (at fraction 1 the l1 minimiser is exactly zero) or of {@code ||A||^2} for Tikhonov CG.
 *
 * @param reference what the fraction multiplies
 * @param fraction the fraction, positive
 */
public record LambdaRule(Reference reference, double fraction) {

    /** What a {@link LambdaRule}'s fraction multiplies. */
    public enum Reference {
        /** {@code ||A^H y||_inf}, the largest modulus of the backprojection. */
        ATY_INF,
        /** {@code ||A||^2}, the largest eigenvalue of {@code A^H A}. */
        LARGEST_EIGENVALUE;

        /** A phrase for printed lines ("of ||A^H y||_inf"). */
        public String phrase() {
            return this == ATY_INF ? "of ||A^H y||_inf" : "of the largest eigenvalue of A^H A";
        }
    }

    /** Validates. */
    public LambdaRule {
        if (reference == null || !(fraction > 0) || !Double.isFinite(fraction)) {
            throw new IllegalArgumentException(
                    "lambda rule needs a reference and a positive fraction, got " + fraction);
        }
    }

    /** {@code fraction ||A^H y||_inf}. */
    public static LambdaRule ofAtyInf(double fraction) {
        return new LambdaRule(Reference.ATY_INF, fraction);
    }

    /** {@code fraction ||A||^2}. */
    public static LambdaRule ofLargestEigenvalue(double fraction) {
        return new LambdaRule(Reference.LARGEST_EIGENVALUE, fraction);
    }

    /** The same reference with another fraction. */
    public LambdaRule withFraction(double f) {
        return new LambdaRule(reference, f);
    }

    /**
     * The absolute lambda for measurements {@code y}.
     *
     * @param op the sensing operator
     * @param y the measurements
     * @param largestEigenvalue {@code ||A||^2} (read only for {@link Reference#LARGEST_EIGENVALUE})
     */
    public double absolute(LinearOperator op, ComplexTensor y, double largestEigenvalue) {
        return fraction * (reference == Reference.ATY_INF ? atyInf(op, y) : largestEigenvalue);
    }

    /** {@code ||A^H y||_inf} (one adjoint, one host read). */
    public static double atyInf(LinearOperator op, ComplexTensor y) {
        try (ComplexTensor aty = op.adjoint(y);
                NDArray a = aty.abs();
                NDArray mx = a.max()) {
            return Scalars.value(mx);
        }
    }
}
