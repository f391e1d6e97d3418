package org.rfrecon.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.operator.AdjointCheck;
import org.rfrecon.core.operator.LinearOperator;

/**
 * The shared operator contract every operator's tests run: the dot test (with and without batch
 * axes), batch consistency, and comparison against an explicit matrix. Every check draws fresh
 * random complex inputs; the seed is part of each failure message.
 */
public final class OperatorContract {

    private OperatorContract() {}

    /** Asserts {@code |<Ax,y> - <x,A^H y>| / (|Ax||y|) < tol} on fresh random inputs. */
    public static void assertAdjoint(LinearOperator op, NDManager m, double tol) {
        long seed = Seeds.fresh();
        double err = AdjointCheck.relativeError(op, m, new Random(seed));
        assertTrue(
                err < tol, op + ": dot test error " + err + " >= " + tol + " (seed " + seed + ")");
    }

    /**
     * Asserts that a batch of three inputs gives, slice by slice, what three unbatched calls give,
     * for forward and adjoint.
     */
    public static void assertBatchConsistent(LinearOperator op, NDManager m, double tol) {
        long seed = Seeds.fresh();
        Random rng = new Random(seed);
        try (NDManager t = m.newSubManager()) {
            ComplexTensor xb =
                    ComplexTensor.randomNormal(
                            t, new Shape(3).addAll(op.domainShape()), op.dataType(), rng);
            ComplexTensor yb = op.forward(xb);
            ComplexTensor yb2 =
                    ComplexTensor.randomNormal(
                            t, new Shape(3).addAll(op.rangeShape()), op.dataType(), rng);
            ComplexTensor xb2 = op.adjoint(yb2);
            for (int k = 0; k < 3; k++) {
                assertClose(
                        op.forward(xb.get("{}", k)),
                        yb.get("{}", k),
                        tol,
                        op + " forward, seed " + seed);
                assertClose(
                        op.adjoint(yb2.get("{}", k)),
                        xb2.get("{}", k),
                        tol,
                        op + " adjoint, seed " + seed);
            }
        }
    }

    /**
     * Asserts that {@code op} equals the explicit matrix {@code dense} (host, interleaved complex,
     * row-major (prod(range), prod(domain))) in forward and adjoint on fresh random inputs.
     */
    public static void assertMatchesDense(
            LinearOperator op, double[] dense, NDManager m, double tol) {
        long seed = Seeds.fresh();
        Random rng = new Random(seed);
        int rows = Math.toIntExact(op.rangeShape().size());
        int cols = Math.toIntExact(op.domainShape().size());
        assertEquals(2L * rows * cols, dense.length, "dense matrix size");
        try (NDManager t = m.newSubManager()) {
            ComplexTensor x = ComplexTensor.randomNormal(t, op.domainShape(), op.dataType(), rng);
            ComplexTensor y = ComplexTensor.randomNormal(t, op.rangeShape(), op.dataType(), rng);
            double[] ax = HostComplex.matVec(dense, rows, cols, x.toInterleaved(), false);
            double[] ahy = HostComplex.matVec(dense, rows, cols, y.toInterleaved(), true);
            assertRelative(
                    op.forward(x).toInterleaved(), ax, tol, op + " forward vs dense, seed " + seed);
            assertRelative(
                    op.adjoint(y).toInterleaved(),
                    ahy,
                    tol,
                    op + " adjoint vs dense, seed " + seed);
        }
    }

    /** Asserts {@code ||a - b|| / ||b|| < tol} for two tensors of equal shape. */
    public static void assertClose(ComplexTensor a, ComplexTensor b, double tol, String what) {
        assertEquals(b.getShape(), a.getShape(), what + ": shape");
        assertRelative(a.toInterleaved(), b.toInterleaved(), tol, what);
    }

    /** Asserts {@code ||a - b|| / ||b|| < tol} for two host vectors. */
    public static void assertRelative(double[] a, double[] b, double tol, String what) {
        double err = HostComplex.relativeError(a, b);
        assertTrue(err <= tol, what + ": relative error " + err + " > " + tol);
    }
}
