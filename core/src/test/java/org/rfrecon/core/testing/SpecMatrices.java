package org.rfrecon.core.testing;

import org.rfrecon.core.geometry.Geometry;

/**
 * The Fresnel sensing matrix built element by element from the formulas of SPEC §1, in plain
 * float64 Java, independent of the factor builders: the reference the operators are compared to.
 */
public final class SpecMatrices {

    private SpecMatrices() {}

    /**
     * The (P F M2 M1) x (N3 N2 N1) matrix, row-major and interleaved complex: entry {@code [((p F +
     * f) M2 + m2) M1 + m1, (n3 N2 + n2) N1 + n1] = s[p,f] A2[m2,n2] A1[m1,n1] (A3[n3])}.
     */
    public static double[] fresnel(Geometry g) {
        double[] x = g.x();
        double[] y = g.y();
        double[] z = g.isVolume() ? g.z() : new double[] {g.r0()};
        double[] u = g.u();
        double[] v = g.v();
        double[] freq = g.freq();
        double[][] tx = g.tx();
        double[][] rx = g.rx();
        double r0 = g.r0();
        double[] o = {
            (x[0] + x[x.length - 1]) / 2, (y[0] + y[y.length - 1]) / 2, (z[0] + z[z.length - 1]) / 2
        };
        int cols = z.length * y.length * x.length;
        int rows = tx.length * freq.length * v.length * u.length;
        double[] a = new double[2 * rows * cols];
        int r = 0;
        for (int p = 0; p < tx.length; p++) {
            double loss = 1 / (4 * Math.PI * dist(tx[p], o) * dist(rx[p], o));
            for (double fr : freq) {
                double k = 2 * Math.PI * fr / Geometry.C0;
                for (double vm : v) {
                    for (double um : u) {
                        int c = 0;
                        for (double zn : z) {
                            for (double yn : y) {
                                for (double xn : x) {
                                    double q1 =
                                            (sq(xn - tx[p][0]) + sq(xn - rx[p][0] - um)) / (2 * r0);
                                    double q2 =
                                            (sq(yn - tx[p][1]) + sq(yn - rx[p][1] - vm)) / (2 * r0);
                                    double range = g.isVolume() ? 2 * (zn - r0) : 0;
                                    double phase = k * (q1 + q2 + 2 * r0 + range);
                                    HostComplex.putPhasor(a, r * cols + c, loss, phase);
                                    c++;
                                }
                            }
                        }
                        r++;
                    }
                }
            }
        }
        return a;
    }

    private static double sq(double d) {
        return d * d;
    }

    private static double dist(double[] a, double[] b) {
        return Math.sqrt(sq(a[0] - b[0]) + sq(a[1] - b[1]) + sq(a[2] - b[2]));
    }
}
