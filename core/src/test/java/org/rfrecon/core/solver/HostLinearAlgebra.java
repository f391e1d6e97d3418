package org.rfrecon.core.solver;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealVector;

/**
 * Float64 host references for the solver tests: complex normal equations through a real embedding.
 */
final class HostLinearAlgebra {

    private HostLinearAlgebra() {}

    /**
     * {@code A^H A} (cols x cols, interleaved) of a row-major interleaved {@code rows x cols} A.
     */
    static double[] gram(double[] a, int rows, int cols) {
        double[] g = new double[2 * cols * cols];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < cols; i++) {
                double ar = a[2 * (r * cols + i)];
                double ai = -a[2 * (r * cols + i) + 1]; // conj
                for (int j = 0; j < cols; j++) {
                    double br = a[2 * (r * cols + j)];
                    double bi = a[2 * (r * cols + j) + 1];
                    g[2 * (i * cols + j)] += ar * br - ai * bi;
                    g[2 * (i * cols + j) + 1] += ar * bi + ai * br;
                }
            }
        }
        return g;
    }

    /**
     * Solves {@code (G + shift I) x = b} for Hermitian G (n x n, interleaved) by LU on
     * [[R,-I],[I,R]].
     */
    static double[] solveShifted(double[] g, int n, double shift, double[] b) {
        double[][] e = new double[2 * n][2 * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double re = g[2 * (i * n + j)] + (i == j ? shift : 0);
                double im = g[2 * (i * n + j) + 1];
                e[i][j] = re;
                e[i + n][j + n] = re;
                e[i][j + n] = -im;
                e[i + n][j] = im;
            }
        }
        double[] rhs = new double[2 * n];
        for (int i = 0; i < n; i++) {
            rhs[i] = b[2 * i];
            rhs[i + n] = b[2 * i + 1];
        }
        RealVector sol =
                new LUDecomposition(new Array2DRowRealMatrix(e, false))
                        .getSolver()
                        .solve(new ArrayRealVector(rhs, false));
        double[] x = new double[2 * n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = sol.getEntry(i);
            x[2 * i + 1] = sol.getEntry(i + n);
        }
        return x;
    }
}
