package org.rfrecon.core.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Random;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.geometry.SensingFactors;
import org.rfrecon.core.operator.Kronecker2D;
import org.rfrecon.core.testing.FreshDraws;
import org.rfrecon.core.testing.OperatorContract;
import org.rfrecon.core.testing.Seeds;

/**
 * {@link HermitianEigen} against dense checks: the residual {@code ||H U - U diag(l)||_F}, the
 * orthonormality {@code ||U^H U - I||_max}, the trace and the Frobenius norm (sum of the
 * eigenvalues and of their squares), ascending order, and on well-conditioned full-rank inputs the
 * eigenvalues of an independent solver (Hipparchus on the real embedding, where it converges).
 *
 * <p>The rank-deficient Grams are the case that broke {@code reconstruct --method admm} on {@code
 * seed-2d} (issue 19): Hipparchus's QL, used on the real 2N embedding before, threw "convergence
 * failed" on the seed-2d factors' {@code 128 x 128} Grams of rank 64 and 32.
 */
@ExtendWith(FreshDraws.class)
class HermitianEigenTest {

    private static final double TOL = 1e-12;

    @Test
    void randomFullRankHermitianMatricesAgreeWithAnIndependentSolver() {
        long seed = Seeds.fresh();
        Random rng = new Random(seed);
        for (int n : new int[] {1, 2, 32, 64}) {
            double[] h = randomHermitian(n, rng);
            HermitianEigen e = HermitianEigen.of(h, n);
            String at = n + " x " + n + ", seed " + seed;
            assertDecomposes(h, n, e, at);
            // Hipparchus on [[Re H, -Im H], [Im H, Re H]]: every eigenvalue twice
            double[] ref = new EigenDecompositionSymmetric(embedding(h, n)).getEigenvalues();
            Arrays.sort(ref);
            double scale = Math.max(Math.abs(ref[0]), Math.abs(ref[2 * n - 1]));
            for (int k = 0; k < n; k++) {
                assertEquals(ref[2 * k], e.values()[k], TOL * scale, "eigenvalue " + k + ", " + at);
                assertEquals(ref[2 * k + 1], e.values()[k], TOL * scale, "pair " + k + ", " + at);
            }
        }
    }

    /**
     * Exactly repeated eigenvalues: the zero matrix, a multiple of the identity (already diagonal:
     * no reflection, no QL iteration), and {@code V diag(1, 1, 1, 2, 2, 5, ...) V^H} for a random
     * unitary V (clusters of equal eigenvalues, as in a wide factor's null space).
     */
    @Test
    void exactlyRepeatedEigenvalues() {
        long seed = Seeds.fresh();
        Random rng = new Random(seed);
        int n = 24;
        double[] zero = new double[2 * n * n];
        assertDecomposes(zero, n, HermitianEigen.of(zero, n), "zero, seed " + seed);
        double[] scaled = new double[2 * n * n];
        for (int i = 0; i < n; i++) {
            scaled[2 * (i * n + i)] = 3;
        }
        HermitianEigen es = HermitianEigen.of(scaled, n);
        assertDecomposes(scaled, n, es, "3 I, seed " + seed);
        double[] v = HermitianEigen.of(randomHermitian(n, rng), n).vectors(); // a random unitary
        double[] l = new double[n];
        for (int k = 0; k < n; k++) {
            l[k] = k < 3 ? 1 : k < 5 ? 2 : k < 12 ? 0 : 5;
        }
        double[] h = new double[2 * n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    // v_ik l_k conj(v_jk)
                    double ar = v[2 * (i * n + k)];
                    double ai = v[2 * (i * n + k) + 1];
                    double br = v[2 * (j * n + k)];
                    double bi = -v[2 * (j * n + k) + 1];
                    h[2 * (i * n + j)] += l[k] * (ar * br - ai * bi);
                    h[2 * (i * n + j) + 1] += l[k] * (ar * bi + ai * br);
                }
            }
        }
        HermitianEigen e = HermitianEigen.of(h, n);
        assertDecomposes(h, n, e, "clusters, seed " + seed);
        double[] sorted = l.clone();
        Arrays.sort(sorted);
        for (int k = 0; k < n; k++) {
            assertEquals(sorted[k], e.values()[k], TOL * 5, "cluster eigenvalue " + k);
        }
    }

    /**
     * Grams of random wide factors the size of seed-2d's ({@code 64 x 128} and {@code 32 x 128}):
     * {@code A^H A} is {@code 128 x 128} of rank 64 or 32, {@code A A^H} is {@code 64 x 64} or
     * {@code 32 x 32} and positive definite. The eigenvalues are the squared singular values:
     * exactly {@code n - r} of them vanish (to rounding), and both Grams share the non-zero ones.
     */
    @Test
    void rankDeficientGramsOfWideFactors() {
        long seed = Seeds.fresh();
        Random rng = new Random(seed);
        for (int r : new int[] {64, 32}) {
            int n = 128;
            double[] a = new double[2 * r * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = rng.nextGaussian();
            }
            double[] wide = HostLinearAlgebra.gram(a, r, n); // A^H A, n x n
            double[] tall = HostLinearAlgebra.gram(conjTranspose(a, r, n), n, r); // A A^H, r x r
            String at = "rank " + r + ", seed " + seed;
            HermitianEigen ew = HermitianEigen.of(wide, n);
            HermitianEigen et = HermitianEigen.of(tall, r);
            assertDecomposes(wide, n, ew, "A^H A, " + at);
            assertDecomposes(tall, r, et, "A A^H, " + at);
            double top = ew.values()[n - 1];
            for (int k = 0; k < n - r; k++) {
                assertTrue(Math.abs(ew.values()[k]) <= TOL * top, "null space " + k + ", " + at);
            }
            for (int k = 0; k < r; k++) {
                assertEquals(
                        et.values()[k],
                        ew.values()[n - r + k],
                        TOL * top,
                        "shared eigenvalue " + k + ", " + at);
                assertTrue(et.values()[k] > 1e-6 * top, "A A^H positive definite, " + at);
            }
        }
    }

    /**
     * The seed-2d factors themselves (scene 128 x 128, array 64 x 32, one pair, one subcarrier), as
     * {@code KroneckerExactXStep} builds them (float32 factors for the CLI, float64 here too): the
     * decomposition holds, and the exact x-step built from it solves {@code (A^H A + rho I) x = r}.
     */
    @Test
    void seed2dFactorsAndTheirExactXStep(Random rng, NDManager m) {
        Geometry g = Preset.SEED_2D.geometry();
        for (DataType dt : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            SensingFactors f = SensingFactors.fresnel(g, m, dt);
            ComplexTensor a1 = f.a1().get("0, 0").toType(DataType.FLOAT64);
            ComplexTensor a2 = f.a2().get("0, 0").toType(DataType.FLOAT64);
            int n1 = (int) f.a1().getShape().get(3);
            int n2 = (int) f.a2().getShape().get(3);
            double[] g2 = a2.conjTranspose().matMul(a2).toInterleaved();
            double[] h1 = a1.transpose().matMul(a1.conj()).toInterleaved();
            assertDecomposes(g2, n2, HermitianEigen.of(g2, n2), "seed-2d G2, " + dt);
            assertDecomposes(h1, n1, HermitianEigen.of(h1, n1), "seed-2d H1, " + dt);
        }
        Kronecker2D op = Kronecker2D.of(g, m, DataType.FLOAT64);
        XStep exact = KroneckerExactXStep.of(SensingFactors.fresnel(g, m, DataType.FLOAT64), m);
        double lmax = PowerIteration.largestEigenvalue(op, m);
        NDArray rho = m.create(0.01 * lmax);
        ComplexTensor rhs =
                ComplexTensor.randomNormal(
                        m, new Shape(2).addAll(op.domainShape()), DataType.FLOAT64, rng);
        ComplexTensor x = exact.solve(rhs, rho, null);
        ComplexTensor back = op.normal(x).add(x.scale(rho));
        OperatorContract.assertClose(back, rhs, 1e-9, "seed-2d exact x-step");
    }

    /** Residual, orthonormality, trace, Frobenius norm and order of {@code e} for {@code h}. */
    private static void assertDecomposes(double[] h, int n, HermitianEigen e, String at) {
        double[] u = e.vectors();
        double[] l = e.values();
        assertEquals(n, l.length, at);
        assertEquals(2 * n * n, u.length, at);
        double hNorm2 = 0;
        for (double v : h) {
            hNorm2 += v * v;
        }
        double hNorm = Math.sqrt(hNorm2);
        // ||H U - U diag(l)||_F
        double res2 = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double sr = -l[k] * u[2 * (i * n + k)];
                double si = -l[k] * u[2 * (i * n + k) + 1];
                for (int j = 0; j < n; j++) {
                    double hr = h[2 * (i * n + j)];
                    double hi = h[2 * (i * n + j) + 1];
                    double ur = u[2 * (j * n + k)];
                    double ui = u[2 * (j * n + k) + 1];
                    sr += hr * ur - hi * ui;
                    si += hr * ui + hi * ur;
                }
                res2 += sr * sr + si * si;
            }
        }
        assertTrue(
                Math.sqrt(res2) <= TOL * hNorm,
                "||H U - U L||_F / ||H||_F = " + Math.sqrt(res2) / hNorm + ", " + at);
        // ||U^H U - I||_max
        double worst = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double sr = a == b ? -1 : 0;
                double si = 0;
                for (int i = 0; i < n; i++) {
                    double ar = u[2 * (i * n + a)];
                    double ai = -u[2 * (i * n + a) + 1];
                    double br = u[2 * (i * n + b)];
                    double bi = u[2 * (i * n + b) + 1];
                    sr += ar * br - ai * bi;
                    si += ar * bi + ai * br;
                }
                worst = Math.max(worst, Math.hypot(sr, si));
            }
        }
        assertTrue(worst <= TOL, "||U^H U - I||_max = " + worst + ", " + at);
        // trace = sum l, ||H||_F^2 = sum l^2, ascending
        double trace = 0;
        double sum = 0;
        double sum2 = 0;
        for (int k = 0; k < n; k++) {
            trace += h[2 * (k * n + k)];
            sum += l[k];
            sum2 += l[k] * l[k];
            if (k > 0) {
                assertTrue(l[k - 1] <= l[k], "ascending at " + k + ", " + at);
            }
        }
        assertEquals(trace, sum, TOL * n * hNorm, "trace, " + at);
        assertEquals(hNorm2, sum2, TOL * n * hNorm2, "Frobenius norm, " + at);
    }

    private static double[] randomHermitian(int n, Random rng) {
        double[] h = new double[2 * n * n];
        for (int i = 0; i < n; i++) {
            h[2 * (i * n + i)] = 2 * rng.nextGaussian();
            for (int j = i + 1; j < n; j++) {
                double re = rng.nextGaussian();
                double im = rng.nextGaussian();
                h[2 * (i * n + j)] = re;
                h[2 * (i * n + j) + 1] = im;
                h[2 * (j * n + i)] = re;
                h[2 * (j * n + i) + 1] = -im;
            }
        }
        return h;
    }

    private static double[] conjTranspose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[2 * (j * rows + i)] = a[2 * (i * cols + j)];
                t[2 * (j * rows + i) + 1] = -a[2 * (i * cols + j) + 1];
            }
        }
        return t;
    }

    private static Array2DRowRealMatrix embedding(double[] h, int n) {
        double[][] e = new double[2 * n][2 * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double re = h[2 * (i * n + j)];
                double im = h[2 * (i * n + j) + 1];
                e[i][j] = re;
                e[i + n][j + n] = re;
                e[i][j + n] = -im;
                e[i + n][j] = im;
            }
        }
        return new Array2DRowRealMatrix(e, false);
    }
}
