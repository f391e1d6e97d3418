package org.rfrecon.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.operator.AdjointCheck;
import org.rfrecon.core.operator.Kronecker2D;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.operator.Volume3D;

/**
 * The shared operator contract every operator's tests run, in float32 and float64: the complex dot
 * test, the real (R-linear) dot test, the normal map against {@code A^H (A x)}, batch consistency,
 * and comparison against an explicit matrix. Every check draws fresh random inputs; the seed is
 * part of each failure message. {@link #tolerance} gives the bound each check uses per dtype.
 */
public final class OperatorContract {

    private OperatorContract() {}

    /** What each check of the contract is. */
    public enum Check {
        /** The complex dot test {@code <Ax, y> = <x, A^H y>}. */
        DOT,
        /** {@code normal(x) = adjoint(forward(x))}. */
        NORMAL,
        /** Batched inputs give, slice by slice, the unbatched results. */
        BATCH
    }

    /**
     * The bound a check uses in {@code dtype}: rounding of a few hundred terms, about 1e-10
     * (float64) or 1e-4 (float32) for the dot and normal tests; batch slices agree to 1e-12 or
     * 1e-5.
     */
    public static double tolerance(Check check, DataType dtype) {
        boolean f64 = dtype == DataType.FLOAT64;
        switch (check) {
            case BATCH:
                return f64 ? 1e-12 : 1e-5;
            default:
                return f64 ? 1e-10 : 1e-4;
        }
    }

    /** Every check of the contract at its {@link #tolerance} for the operator's dtype. */
    public static void assertContract(LinearOperator op, NDManager m) {
        DataType dt = op.dataType();
        assertAdjoint(op, m, tolerance(Check.DOT, dt));
        assertRealAdjoint(op, m, tolerance(Check.DOT, dt));
        assertNormal(op, m, tolerance(Check.NORMAL, dt));
        assertBatchConsistent(op, m, tolerance(Check.BATCH, dt));
    }

    /** Asserts {@code |<Ax,y> - <x,A^H y>| / (|Ax||y|) < tol} on fresh random inputs. */
    public static void assertAdjoint(LinearOperator op, NDManager m, double tol) {
        long seed = Seeds.fresh();
        double err = AdjointCheck.relativeError(op, m, new Random(seed));
        assertTrue(
                err < tol, op + ": dot test error " + err + " >= " + tol + " (seed " + seed + ")");
    }

    /**
     * The real (R-linear) dot test, PyLops' {@code complexflag} 1 to 3: the operator as a real map
     * of the stacked real and imaginary parts, whose adjoint under {@code Re<.,.>} must be {@code
     * A^H}. Asserts {@code |Re<Ax, y> - Re<x, A^H y>| / (|Ax||y|) < tol} with a real {@code x} and
     * a complex {@code y}, a complex {@code x} and a real {@code y}, and both real: inputs with a
     * zero imaginary part that a fast path might mishandle, and R-linear maps (with conjugations)
     * that the complex test would wrongly refuse or accept.
     */
    public static void assertRealAdjoint(LinearOperator op, NDManager m, double tol) {
        long seed = Seeds.fresh();
        Random rng = new Random(seed);
        boolean[][] modes = {{true, false}, {false, true}, {true, true}};
        try (NDManager t = m.newSubManager(op.device())) {
            for (boolean[] real : modes) {
                ComplexTensor x = draw(t, op.domainShape(), op, rng, real[0]);
                ComplexTensor y = draw(t, op.rangeShape(), op, rng, real[1]);
                ComplexTensor ax = op.forward(x);
                ComplexTensor ahy = op.adjoint(y);
                double lhs = ax.inner(y).toInterleaved()[0];
                double rhs = x.inner(ahy).toInterleaved()[0];
                double err =
                        Math.abs(lhs - rhs) / (Scalars.value(ax.norm()) * Scalars.value(y.norm()));
                assertTrue(
                        err < tol,
                        op
                                + ": real dot test (x "
                                + (real[0] ? "real" : "complex")
                                + ", y "
                                + (real[1] ? "real" : "complex")
                                + ") error "
                                + err
                                + " >= "
                                + tol
                                + " (seed "
                                + seed
                                + ")");
            }
        }
    }

    /**
     * Asserts that {@code normal(x)} equals {@code adjoint(forward(x))} to {@code tol} relative
     * error, for one input and a batch of two: implementations that fuse or override the normal map
     * (PairSharded) must agree with the composition.
     */
    public static void assertNormal(LinearOperator op, NDManager m, double tol) {
        long seed = Seeds.fresh();
        Random rng = new Random(seed);
        try (NDManager t = m.newSubManager(op.device())) {
            for (Shape s : new Shape[] {op.domainShape(), new Shape(2).addAll(op.domainShape())}) {
                ComplexTensor x = ComplexTensor.randomNormal(t, s, op.dataType(), rng);
                assertClose(
                        op.normal(x),
                        op.adjoint(op.forward(x)),
                        tol,
                        op + " normal vs adjoint(forward) " + s + ", seed " + seed);
            }
        }
    }

    private static ComplexTensor draw(
            NDManager m, Shape shape, LinearOperator op, Random rng, boolean real) {
        ComplexTensor z = ComplexTensor.randomNormal(m, shape, op.dataType(), rng);
        return real ? ComplexTensor.ofReal(z.re()) : z;
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

    /**
     * The Fresnel operator of {@code g}: {@link Volume3D} for a volume, else {@link Kronecker2D}.
     */
    public static LinearOperator fresnel(Geometry g, NDManager m, DataType dtype) {
        return g.isVolume() ? Volume3D.of(g, m, dtype) : Kronecker2D.of(g, m, dtype);
    }

    /**
     * A random scene and measurement of a geometry, to compare two operators on.
     *
     * @param x a scene
     * @param y a measurement
     */
    public record Probe(ComplexTensor x, ComplexTensor y) {

        /**
         * Standard normal parts: the scene drawn from {@code seed}, the measurement from {@code
         * seed + 1}.
         */
        public static Probe of(Geometry g, NDManager m, DataType dtype, long seed) {
            return new Probe(
                    ComplexTensor.randomNormal(m, g.sceneShape(), dtype, new Random(seed)),
                    ComplexTensor.randomNormal(
                            m, g.measurementShape(), dtype, new Random(seed + 1)));
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
