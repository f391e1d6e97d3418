package org.rfrecon.core.solver;

/**
 * The eigendecomposition {@code H = U diag(lambda) U^H} of a complex Hermitian matrix, with a
 * unitary {@code U} also on repeated eigenvalues (normal matrices {@code A^H A} of wide factors
 * have a large null space).
 *
 * <p>Method (Golub and Van Loan, "Matrix Computations", 4th ed., §8.3; the EISPACK routines
 * htridi/tql2): Householder reflections {@code P_k = I - tau_k v_k v_k^H} reduce {@code H} to a
 * Hermitian tridiagonal {@code T = Q^H H Q}, {@code Q = P_0 ... P_{n-3}}; a diagonal unitary {@code
 * D} (phases chained along the subdiagonal) makes it real, {@code S = D^H T D} with subdiagonal
 * {@code |T_{k+1,k}|}; the implicit QL algorithm with Wilkinson-type shifts diagonalises {@code S =
 * Z diag(lambda) Z^T}, accumulating its rotations into {@code Q D}, so {@code U = Q D Z}. {@code U}
 * is a product of unitary factors, orthonormal to rounding whatever the multiplicities.
 *
 * <p><b>Deflation.</b> A subdiagonal entry is negligible when {@code |e_k| <= eps ||S||_inf}, a
 * test against the matrix's norm (as in JAMA's tql2), which perturbs {@code H} by at most {@code
 * eps ||H||} per deflation. Hipparchus's {@code EigenDecompositionSymmetric}, used here before,
 * tests {@code |e_k|} against its two neighbouring diagonal entries only and allows 30 QL
 * iterations per eigenvalue: on the rank-deficient Grams of wide factors (seed-2d: {@code 128 x
 * 128} of rank 64 and 32, whose null space is a cluster of rounding-sized entries) it must resolve
 * that cluster to relative precision and threw "convergence failed" (issue 19). Here a QL sweep
 * that has not deflated after {@link #MAX_SWEEPS} iterations throws {@link IllegalStateException};
 * typical counts are one to three.
 *
 * <p>Cost: about {@code 4/3 n^3} complex multiply-adds for the reduction, as many for {@code Q},
 * and {@code O(n^2)} rotations of {@code n}-vectors for QL: a few milliseconds at {@code n = 128}.
 *
 * @param values the eigenvalues, ascending
 * @param vectors {@code U} row-major and interleaved complex: entry {@code (i, k)} (row i,
 *     eigenvector k) at {@code 2 (i N + k)}
 */
public record HermitianEigen(double[] values, double[] vectors) {

    /** The most implicit-QL iterations spent on one eigenvalue before giving up. */
    public static final int MAX_SWEEPS = 100;

    private static final double EPS = Math.ulp(1.0);

    /**
     * Decomposes the Hermitian {@code n x n} matrix given row-major, interleaved complex. Only the
     * Hermitian part {@code (H + H^H) / 2} is used (rounding leaves a computed {@code A^H A}
     * Hermitian only to about 1e-16).
     *
     * @throws IllegalArgumentException if {@code h} does not hold {@code n x n} complex entries
     * @throws IllegalStateException if QL does not converge (not seen in practice)
     */
    public static HermitianEigen of(double[] h, int n) {
        if (n < 1 || h.length != 2 * n * n) {
            throw new IllegalArgumentException(
                    "expected " + n + " x " + n + " complex entries, got " + h.length / 2);
        }
        double[][] ar = new double[n][n];
        double[][] ai = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                ar[i][j] = 0.5 * (h[2 * (i * n + j)] + h[2 * (j * n + i)]);
                ai[i][j] = 0.5 * (h[2 * (i * n + j) + 1] - h[2 * (j * n + i) + 1]);
            }
        }
        double[] d = new double[n];
        double[] er = new double[n]; // T_{k+1,k}, complex
        double[] ei = new double[n];
        double[][] vr = new double[n][];
        double[][] vi = new double[n][];
        double[] tau = new double[n];
        tridiagonalise(ar, ai, d, er, ei, vr, vi, tau);
        double[][] qr = new double[n][n];
        double[][] qi = new double[n][n];
        accumulate(vr, vi, tau, qr, qi);
        // D: phi_0 = 1, phi_{k+1} = phi_k c_k / |c_k|; columns of Q times phi, e_k = |c_k|
        double[] e = new double[n];
        double pr = 1;
        double pi = 0;
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                double cr = er[k - 1];
                double ci = ei[k - 1];
                double c = Math.hypot(cr, ci);
                e[k - 1] = c;
                if (c > 0) {
                    double nr = (pr * cr - pi * ci) / c;
                    double ni = (pr * ci + pi * cr) / c;
                    pr = nr;
                    pi = ni;
                }
            }
            for (int i = 0; i < n; i++) {
                double xr = qr[i][k];
                double xi = qi[i][k];
                qr[i][k] = xr * pr - xi * pi;
                qi[i][k] = xr * pi + xi * pr;
            }
        }
        implicitQl(d, e, qr, qi);
        double[] vec = new double[2 * n * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                vec[2 * (i * n + k)] = qr[i][k];
                vec[2 * (i * n + k) + 1] = qi[i][k];
            }
        }
        return new HermitianEigen(d, vec);
    }

    /**
     * Householder reduction of the Hermitian {@code a} (overwritten) to tridiagonal form: for
     * column k, {@code x = a[k+1.., k]}, {@code alpha = -e^{j arg x_0} ||x||}, {@code v = x - alpha
     * e_1}, {@code tau = 1 / (||x|| (||x|| + |x_0|))}, so {@code P x = alpha e_1}; the trailing
     * block becomes {@code P B P = B - v w^H - w v^H} with {@code p = tau B v}, {@code w = p - (tau
     * / 2) (v^H p) v}. Writes the diagonal to {@code d}, {@code T_{k+1,k}} to {@code (er, ei)[k]}
     * and the reflectors to {@code (vr, vi, tau)} (null and 0 where none was needed).
     */
    private static void tridiagonalise(
            double[][] ar,
            double[][] ai,
            double[] d,
            double[] er,
            double[] ei,
            double[][] vr,
            double[][] vi,
            double[] tau) {
        int n = d.length;
        for (int k = 0; k < n - 1; k++) {
            int m = n - k - 1;
            double x0r = ar[k + 1][k];
            double x0i = ai[k + 1][k];
            double tail = 0;
            for (int i = 1; i < m; i++) {
                tail += ar[k + 1 + i][k] * ar[k + 1 + i][k] + ai[k + 1 + i][k] * ai[k + 1 + i][k];
            }
            if (tail == 0) {
                er[k] = x0r;
                ei[k] = x0i;
                continue;
            }
            double x0 = Math.hypot(x0r, x0i);
            double sigma = Math.sqrt(x0 * x0 + tail);
            double phr = x0 > 0 ? x0r / x0 : 1;
            double phi = x0 > 0 ? x0i / x0 : 0;
            double[] ur = new double[m];
            double[] ui = new double[m];
            for (int i = 0; i < m; i++) {
                ur[i] = ar[k + 1 + i][k];
                ui[i] = ai[k + 1 + i][k];
            }
            ur[0] += phr * sigma;
            ui[0] += phi * sigma;
            double t = 1 / (sigma * (sigma + x0));
            // p = tau B v
            double[] pr = new double[m];
            double[] pi = new double[m];
            for (int i = 0; i < m; i++) {
                double[] br = ar[k + 1 + i];
                double[] bi = ai[k + 1 + i];
                double sr = 0;
                double si = 0;
                for (int j = 0; j < m; j++) {
                    double hr = br[k + 1 + j];
                    double hi = bi[k + 1 + j];
                    sr += hr * ur[j] - hi * ui[j];
                    si += hr * ui[j] + hi * ur[j];
                }
                pr[i] = t * sr;
                pi[i] = t * si;
            }
            // K = tau / 2 Re(v^H p) (v^H p = tau v^H B v is real); w = p - K v
            double vp = 0;
            for (int i = 0; i < m; i++) {
                vp += ur[i] * pr[i] + ui[i] * pi[i];
            }
            double kk = 0.5 * t * vp;
            for (int i = 0; i < m; i++) {
                pr[i] -= kk * ur[i];
                pi[i] -= kk * ui[i];
            }
            // B -= v w^H + w v^H
            for (int i = 0; i < m; i++) {
                double[] br = ar[k + 1 + i];
                double[] bi = ai[k + 1 + i];
                for (int j = 0; j < m; j++) {
                    // v_i conj(w_j) + w_i conj(v_j)
                    double sr = ur[i] * pr[j] + ui[i] * pi[j] + pr[i] * ur[j] + pi[i] * ui[j];
                    double si = ui[i] * pr[j] - ur[i] * pi[j] + pi[i] * ur[j] - pr[i] * ui[j];
                    br[k + 1 + j] -= sr;
                    bi[k + 1 + j] -= si;
                }
            }
            er[k] = -phr * sigma;
            ei[k] = -phi * sigma;
            vr[k] = ur;
            vi[k] = ui;
            tau[k] = t;
        }
        for (int i = 0; i < n; i++) {
            d[i] = ar[i][i];
        }
    }

    /**
     * {@code Q = P_0 P_1 ... P_{n-3}} into {@code (qr, qi)}, applied right to left to the identity:
     * {@code P_k} touches rows and columns {@code k+1..} only.
     */
    private static void accumulate(
            double[][] vr, double[][] vi, double[] tau, double[][] qr, double[][] qi) {
        int n = tau.length;
        for (int i = 0; i < n; i++) {
            qr[i][i] = 1;
        }
        for (int k = n - 2; k >= 0; k--) {
            if (tau[k] == 0) {
                continue;
            }
            double[] ur = vr[k];
            double[] ui = vi[k];
            int m = ur.length;
            for (int j = k + 1; j < n; j++) {
                // s = v^H Q[k+1.., j]; Q[k+1.., j] -= tau v s
                double sr = 0;
                double si = 0;
                for (int i = 0; i < m; i++) {
                    double xr = qr[k + 1 + i][j];
                    double xi = qi[k + 1 + i][j];
                    sr += ur[i] * xr + ui[i] * xi;
                    si += ur[i] * xi - ui[i] * xr;
                }
                sr *= tau[k];
                si *= tau[k];
                for (int i = 0; i < m; i++) {
                    qr[k + 1 + i][j] -= ur[i] * sr - ui[i] * si;
                    qi[k + 1 + i][j] -= ur[i] * si + ui[i] * sr;
                }
            }
        }
    }

    /**
     * The implicit QL algorithm on the real symmetric tridiagonal {@code (d, e)} ({@code e[k] =
     * S_{k+1,k}}, {@code e[n-1] = 0}), after JAMA's tql2 (public domain, from EISPACK): eigenvalues
     * into {@code d}, ascending; the rotations applied to the columns of the complex {@code (vr,
     * vi)}, which are permuted with {@code d}.
     */
    private static void implicitQl(double[] d, double[] e, double[][] vr, double[][] vi) {
        int n = d.length;
        double norm = 0;
        for (int k = 0; k < n; k++) {
            norm =
                    Math.max(
                            norm,
                            Math.abs(d[k]) + Math.abs(e[k]) + (k > 0 ? Math.abs(e[k - 1]) : 0));
        }
        double tst = EPS * norm;
        double f = 0;
        for (int l = 0; l < n; l++) {
            int m = l;
            while (m < n - 1 && Math.abs(e[m]) > tst) {
                m++;
            }
            int sweeps = 0;
            while (m > l) {
                if (++sweeps > MAX_SWEEPS) {
                    throw new IllegalStateException(
                            "Hermitian eigendecomposition: implicit QL did not converge for"
                                    + " eigenvalue "
                                    + l
                                    + " of "
                                    + n
                                    + " in "
                                    + MAX_SWEEPS
                                    + " iterations");
                }
                // shift: the eigenvalue of the leading 2 x 2 block nearer d[l]
                double g = d[l];
                double p = (d[l + 1] - g) / (2 * e[l]);
                double r = Math.hypot(p, 1);
                if (p < 0) {
                    r = -r;
                }
                d[l] = e[l] / (p + r);
                d[l + 1] = e[l] * (p + r);
                double dl1 = d[l + 1];
                double h = g - d[l];
                for (int i = l + 2; i < n; i++) {
                    d[i] -= h;
                }
                f += h;
                // implicit QL transformation
                p = d[m];
                double c = 1;
                double c2 = c;
                double c3 = c;
                double el1 = e[l + 1];
                double s = 0;
                double s2 = 0;
                for (int i = m - 1; i >= l; i--) {
                    c3 = c2;
                    c2 = c;
                    s2 = s;
                    g = c * e[i];
                    h = c * p;
                    r = Math.hypot(p, e[i]);
                    e[i + 1] = s * r;
                    s = e[i] / r;
                    c = p / r;
                    p = c * d[i] - s * g;
                    d[i + 1] = h + s * (c * g + s * d[i]);
                    for (int k = 0; k < n; k++) {
                        double[] rowR = vr[k];
                        double[] rowI = vi[k];
                        double hr = rowR[i + 1];
                        double hi = rowI[i + 1];
                        rowR[i + 1] = s * rowR[i] + c * hr;
                        rowI[i + 1] = s * rowI[i] + c * hi;
                        rowR[i] = c * rowR[i] - s * hr;
                        rowI[i] = c * rowI[i] - s * hi;
                    }
                }
                p = -s * s2 * c3 * el1 * e[l] / dl1;
                e[l] = s * p;
                d[l] = c * p;
                if (Math.abs(e[l]) <= tst) {
                    break;
                }
                // a later entry may have become negligible: split there
                m = l;
                while (m < n - 1 && Math.abs(e[m]) > tst) {
                    m++;
                }
            }
            d[l] += f;
            e[l] = 0;
        }
        // sort ascending, permuting the columns
        for (int i = 0; i < n - 1; i++) {
            int k = i;
            for (int j = i + 1; j < n; j++) {
                if (d[j] < d[k]) {
                    k = j;
                }
            }
            if (k != i) {
                double t = d[k];
                d[k] = d[i];
                d[i] = t;
                for (int row = 0; row < n; row++) {
                    t = vr[row][i];
                    vr[row][i] = vr[row][k];
                    vr[row][k] = t;
                    t = vi[row][i];
                    vi[row][i] = vi[row][k];
                    vi[row][k] = t;
                }
            }
        }
    }
}
