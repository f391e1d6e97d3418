package org.rfrecon.core.solver;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.geometry.SensingFactors;

/**
 * The exact ADMM x-step when the normal operator is a single Kronecker product (one pair, one
 * subcarrier): with {@code G2 = A2^H A2 = U2 L2 U2^H} and {@code H1 = A1^T conj(A1) = V1 L1 V1^H},
 *
 * <pre>
 *   (A^H A + rho I) X = |s|^2 G2 X H1 + rho X = R
 *   =>  X = U2 [ (U2^H R V1) / (|s|^2 l2_i l1_j + rho) ] V1^H
 * </pre>
 *
 * Four small matrix products and one elementwise division per solve, no iterations; the
 * eigendecompositions are computed once, on the host ({@link HermitianEigen}). Differentiable in
 * {@code rho} and the right-hand side.
 */
public final class KroneckerExactXStep implements XStep {

    private final ComplexTensor u2;
    private final ComplexTensor u2h;
    private final ComplexTensor v1;
    private final ComplexTensor v1h;
    private final NDArray gains; // |s|^2 l2_i l1_j, (N2, N1)

    private KroneckerExactXStep(ComplexTensor u2, ComplexTensor v1, NDArray gains) {
        this.u2 = u2;
        this.u2h = u2.conjTranspose();
        this.v1 = v1;
        this.v1h = v1.conjTranspose();
        this.gains = gains;
    }

    /**
     * The exact x-step for factors with one pair and one subcarrier, on {@code manager}'s device.
     *
     * @throws IllegalArgumentException if the factors have several pairs or subcarriers
     */
    public static KroneckerExactXStep of(SensingFactors f, NDManager manager) {
        Shape s1 = f.a1().getShape();
        if (s1.get(0) != 1 || s1.get(1) != 1 || f.a3().isPresent()) {
            throw new IllegalArgumentException(
                    "the exact Kronecker x-step needs one pair and one subcarrier of a 2D geometry;"
                            + " got (P, F) = ("
                            + s1.get(0)
                            + ", "
                            + s1.get(1)
                            + ")");
        }
        DataType dt = f.a1().getDataType();
        ComplexTensor a1 = f.a1().get("0, 0").toType(DataType.FLOAT64);
        ComplexTensor a2 = f.a2().get("0, 0").toType(DataType.FLOAT64);
        double[] s = f.s().toInterleaved();
        double s2 = s[0] * s[0] + s[1] * s[1];
        int n1 = (int) s1.get(3);
        int n2 = (int) f.a2().getShape().get(3);
        // G2 = A2^H A2 (N2 x N2); H1 = A1^T conj(A1) = conj(A1^H A1) (N1 x N1)
        HermitianEigen e2 = HermitianEigen.of(a2.conjTranspose().matMul(a2).toInterleaved(), n2);
        HermitianEigen e1 = HermitianEigen.of(a1.transpose().matMul(a1.conj()).toInterleaved(), n1);
        double[] g = new double[n2 * n1];
        for (int i = 0; i < n2; i++) {
            for (int j = 0; j < n1; j++) {
                g[i * n1 + j] = s2 * Math.max(0, e2.values()[i]) * Math.max(0, e1.values()[j]);
            }
        }
        ComplexTensor u2 =
                ComplexTensor.fromInterleaved(manager, e2.vectors(), new Shape(n2, n2), dt);
        ComplexTensor v1 =
                ComplexTensor.fromInterleaved(manager, e1.vectors(), new Shape(n1, n1), dt);
        NDArray gains = manager.create(g, new Shape(n2, n1)).toType(dt, false);
        return new KroneckerExactXStep(u2, v1, gains);
    }

    @Override
    public ComplexTensor solve(ComplexTensor rhs, NDArray rho, ComplexTensor warmStart) {
        try (NDScope scope = new NDScope()) {
            ComplexTensor r = u2h.matMul(rhs).matMul(v1);
            // 1 / (g + rho) with a PyTorch-owned 1: pow(-1) keeps a Java-backed exponent that
            // autograd reads after garbage collection (Scalars#constant)
            ComplexTensor xr = r.scale(Scalars.constant(gains, 1).div(gains.add(rho)));
            ComplexTensor x = u2.matMul(xr).matMul(v1h);
            NDScope.unregister(x.handles());
            return x.attach(rhs.getManager());
        }
    }
}
