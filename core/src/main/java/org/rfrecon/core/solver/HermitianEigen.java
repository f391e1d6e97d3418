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
 * orthonormal real basis; taking its vectors in eigenvalue order as complex vectors and keeping
 * each one that is independent (complex Gram-Schmidt, residual above 1/2) of those kept yields
 * exactly N orthonormal complex eigenvectors.
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
        EigenDecompositionSymmetric d =
                new EigenDecompositionSymmetric(new Array2DRowRealMatrix(e, false));
        double[] ev = d.getEigenvalues(); // descending
        Integer[] order = new Integer[2 * n];
        for (int k = 0; k < 2 * n; k++) {
            order[k] = k;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(ev[a], ev[b]));
        List<double[]> kept = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int idx : order) {
            if (kept.size() == n) {
                break;
            }
            RealVector w = d.getEigenvector(idx);
            double[] u = new double[2 * n];
            for (int i = 0; i < n; i++) {
                u[2 * i] = w.getEntry(i);
                u[2 * i + 1] = w.getEntry(i + n);
            }
            for (double[] q : kept) {
                // u -= <q, u> q   with <q, u> = sum conj(q) u
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
            double norm = 0;
            for (double v : u) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            if (norm > 0.5) {
                for (int i = 0; i < 2 * n; i++) {
                    u[i] /= norm;
                }
                kept.add(u);
                values.add(ev[idx]);
            }
        }
        if (kept.size() != n) {
            throw new IllegalStateException(
                    "Hermitian eigendecomposition found " + kept.size() + " of " + n + " vectors");
        }
        double[] vec = new double[2 * n * n];
        double[] val = new double[n];
        for (int k = 0; k < n; k++) {
            val[k] = values.get(k);
            double[] u = kept.get(k);
            for (int i = 0; i < n; i++) {
                vec[2 * (i * n + k)] = u[2 * i];
                vec[2 * (i * n + k) + 1] = u[2 * i + 1];
            }
        }
        return new HermitianEigen(val, vec);
    }
}
