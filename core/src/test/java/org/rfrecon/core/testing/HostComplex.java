package org.rfrecon.core.testing;

/**
 * Reference complex arithmetic on host arrays of interleaved doubles {@code (re, im, ...)}: the
 * independent float64 side of dense comparisons.
 */
public final class HostComplex {

    private HostComplex() {}

    /**
     * {@code A v} (or {@code A^H v} when {@code adjoint}) for a row-major interleaved {@code rows x
     * cols} matrix.
     */
    public static double[] matVec(double[] a, int rows, int cols, double[] v, boolean adjoint) {
        int outLen = adjoint ? cols : rows;
        double[] out = new double[2 * outLen];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int k = 2 * (r * cols + c);
                double ar = a[k];
                double ai = a[k + 1];
                if (!adjoint) {
                    out[2 * r] += ar * v[2 * c] - ai * v[2 * c + 1];
                    out[2 * r + 1] += ar * v[2 * c + 1] + ai * v[2 * c];
                } else {
                    out[2 * c] += ar * v[2 * r] + ai * v[2 * r + 1];
                    out[2 * c + 1] += ar * v[2 * r + 1] - ai * v[2 * r];
                }
            }
        }
        return out;
    }

    /** {@code max_k |v_k|} of interleaved complex values {@code v}; 0 if there are none. */
    public static double maxModulus(double[] v) {
        double max = 0;
        for (int k = 0; k < v.length / 2; k++) {
            max = Math.max(max, Math.hypot(v[2 * k], v[2 * k + 1]));
        }
        return max;
    }

    /** {@code ||a - b|| / ||b||}. */
    public static double relativeError(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " vs " + b.length);
        }
        double num = 0;
        double den = 0;
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - b[k];
            num += d * d;
            den += b[k] * b[k];
        }
        return Math.sqrt(num / den);
    }

    /** {@code exp(-j phase)} times {@code amp}, written at {@code k} of {@code out}. */
    public static void putPhasor(double[] out, int k, double amp, double phase) {
        out[2 * k] = amp * Math.cos(phase);
        out[2 * k + 1] = -amp * Math.sin(phase);
    }
}
