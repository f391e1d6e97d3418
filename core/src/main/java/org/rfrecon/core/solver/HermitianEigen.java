package org.rfrecon.core.solver;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealVector;

/**
 * The eigendecomposition {@code H = U diag(lambda) U^H} of a complex Hermitian matrix, with an
 * orthonormal {@code U} also on repeated eigenvalues (normal matrices {@code A^H A} of wide factors
 * have a large null space).
 *
 * <p>Method: the real symmetric embedding {@code E = [[Re H, -Im H], [Im H, Re H]]} has every
 * eigenvalue of {@code H} twice, with eigenvectors {@code [a; b]} and {@code [-b; a]} for each
 * complex eigenvector {@code a + jb}. Hipparchus's {@link EigenDecompositionSymmetric} gives an
 * orthonormal real basis (after symmetrising away rounding); reading its 2N vectors as complex
 * vectors and running complex Gram-Schmidt with pivoting (always keep the candidate with the
 * largest residual) yields N orthonormal complex eigenvectors even on repeated eigenvalues; each
 * eigenvalue is then the Rayleigh quotient of its vector.
 *
 * @param values the eigenvalues, ascending
 * @param vectors {@code U} row-major and interleaved complex: entry {@code (i, k)} (row i,
 *     eigenvector k) at {@code 2 (i N + k)}
 */
public record HermitianEigen(double[] values, double[] vectors) {

    /** Decomposes the Hermitian {@code n x n} matrix given row-major, interleaved complex. */
    public static HermitianEigen of(double[] h, int n) {
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
        // Rounding leaves A^H A Hermitian only to ~1e-16: symmetrise so Hipparchus accepts it.
        for (int i = 0; i < 2 * n; i++) {
            for (int j = i + 1; j < 2 * n; j++) {
                double avg = 0.5 * (e[i][j] + e[j][i]);
                e[i][j] = avg;
                e[j][i] = avg;
            }
        }
        EigenDecompositionSymmetric d =
                new EigenDecompositionSymmetric(new Array2DRowRealMatrix(e, false));
        // candidates: every real eigenvector [a; b] read as the complex vector a + jb
        double[][] cand = new double[2 * n][];
        for (int idx = 0; idx < 2 * n; idx++) {
            RealVector w = d.getEigenvector(idx);
            double[] u = new double[2 * n];
            for (int i = 0; i < n; i++) {
                u[2 * i] = w.getEntry(i);
                u[2 * i + 1] = w.getEntry(i + n);
            }
            cand[idx] = u;
        }
        // complex Gram-Schmidt with pivoting: always keep the candidate with the largest residual,
        // so repeated eigenvalues (a wide factor's null space) still give an orthonormal basis
        List<double[]> kept = new ArrayList<>();
        boolean[] used = new boolean[2 * n];
        while (kept.size() < n) {
            int best = -1;
            double bestNorm = 0;
            for (int c = 0; c < 2 * n; c++) {
                if (!used[c]) {
                    double nrm = 0;
                    for (double v : cand[c]) {
                        nrm += v * v;
                    }
                    if (nrm > bestNorm) {
                        bestNorm = nrm;
                        best = c;
                    }
                }
            }
            // exact arithmetic guarantees a residual^2 >= 2 / (N + 1) (the candidates' real span
            // is invariant under multiplication by j); far below that means a broken input
            if (best < 0 || bestNorm < 0.1 / (n + 1)) {
                break;
            }
            used[best] = true;
            double[] q = cand[best];
            double inv = 1 / Math.sqrt(bestNorm);
            for (int i = 0; i < 2 * n; i++) {
                q[i] *= inv;
            }
            kept.add(q);
            for (int c = 0; c < 2 * n; c++) {
                if (!used[c]) {
                    project(q, cand[c], n);
                }
            }
        }
        List<Double> values = new ArrayList<>();
        for (double[] q : kept) {
            values.add(rayleigh(h, q, n));
        }
        Integer[] order = new Integer[kept.size()];
        for (int k = 0; k < order.length; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(values.get(a), values.get(b)));
        List<double[]> sortedVecs = new ArrayList<>();
        List<Double> sortedVals = new ArrayList<>();
        for (int k : order) {
            sortedVecs.add(kept.get(k));
            sortedVals.add(values.get(k));
        }
        kept = sortedVecs;
        List<Double> valuesSorted = sortedVals;
        if (kept.size() != n) {
            throw new IllegalStateException(
                    "Hermitian eigendecomposition found " + kept.size() + " of " + n + " vectors");
        }
        double[] vec = new double[2 * n * n];
        double[] val = new double[n];
        for (int k = 0; k < n; k++) {
            val[k] = valuesSorted.get(k);
            double[] u = kept.get(k);
            for (int i = 0; i < n; i++) {
                vec[2 * (i * n + k)] = u[2 * i];
                vec[2 * (i * n + k) + 1] = u[2 * i + 1];
            }
        }
        return new HermitianEigen(val, vec);
    }

    /** {@code u -= <q, u> q} with {@code <q, u> = sum conj(q) u}; q has unit norm. */
    private static void project(double[] q, double[] u, int n) {
        double cr = 0;
        double ci = 0;
        for (int i = 0; i < n; i++) {
            cr += q[2 * i] * u[2 * i] + q[2 * i + 1] * u[2 * i + 1];
            ci += q[2 * i] * u[2 * i + 1] - q[2 * i + 1] * u[2 * i];
        }
        for (int i = 0; i < n; i++) {
            u[2 * i] -= cr * q[2 * i] - ci * q[2 * i + 1];
            u[2 * i + 1] -= cr * q[2 * i + 1] + ci * q[2 * i];
        }
    }

    /** The Rayleigh quotient {@code q^H H q} (real for Hermitian H, unit q). */
    private static double rayleigh(double[] h, double[] q, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double hr = 0;
            double hi = 0;
            for (int j = 0; j < n; j++) {
                double ar = h[2 * (i * n + j)];
                double ai = h[2 * (i * n + j) + 1];
                hr += ar * q[2 * j] - ai * q[2 * j + 1];
                hi += ar * q[2 * j + 1] + ai * q[2 * j];
            }
            sum += q[2 * i] * hr + q[2 * i + 1] * hi;
        }
        return sum;
    }
}
