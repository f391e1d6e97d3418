package org.rfrecon.training.metric;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;

/**
 * NMSE, PSNR and SSIM exactly as SPEC §6 defines them, computed with NDArray ops on the tensors'
 * device; each returns one host double (one read).
 *
 * <ul>
 *   <li>{@code NMSE_dB = 10 log10(||xhat - x||^2 / ||x||^2)} over complex values.
 *   <li>PSNR and SSIM on magnitude images divided by {@code max|x|} of the ground truth, data range
 *       1: {@code PSNR = 10 log10(1 / mean((|xhat| - |x|)^2 / max|x|^2))}.
 *   <li>SSIM (Wang, Bovik, Sheikh and Simoncelli 2004): 11x11 Gaussian window (sigma 1.5,
 *       normalised to sum 1), K1 = 0.01, K2 = 0.03, computed at every position where the window
 *       fits inside the image ("valid" filtering, as in the paper's reference code) and averaged;
 *       volumes {@code (N3, N2, N1)} average the per-slice SSIM over z.
 * </ul>
 *
 * Scenes are {@code (N2, N1)} or {@code (N3, N2, N1)}; leading axes beyond the image are averaged
 * like slices by SSIM and pooled by NMSE and PSNR (pass one scene at a time for per-scene values).
 */
public final class ImageMetrics {

    /** The SSIM window side. */
    public static final int WINDOW = 11;

    /** The SSIM Gaussian's standard deviation. */
    public static final double SIGMA = 1.5;

    /** SSIM constants. */
    public static final double K1 = 0.01;

    /** SSIM constants. */
    public static final double K2 = 0.03;

    private ImageMetrics() {}

    /**
     * {@code 10 log10(||estimate - truth||^2 / ||truth||^2)}.
     *
     * @param estimate the reconstruction
     * @param truth the ground truth, same shape, not all zero
     * @return NMSE in dB
     */
    public static double nmseDb(ComplexTensor estimate, ComplexTensor truth) {
        checkShapes(estimate, truth);
        try (NDScope scope = new NDScope()) {
            NDManager m = truth.getManager();
            ComplexTensor d = estimate.sub(truth);
            NDArray err = d.norm2Squared();
            // m: the truth's manager; the scope frees every temporary
            NDArray ref = truth.norm2Squared();
            return 10 * Math.log10(Scalars.value(err) / Scalars.value(ref));
        }
    }

    /**
     * PSNR (dB) of the magnitude images normalised by {@code max|truth|}, data range 1.
     *
     * @param estimate the reconstruction
     * @param truth the ground truth, same shape, not all zero
     * @return PSNR in dB (infinite for a perfect match)
     */
    public static double psnr(ComplexTensor estimate, ComplexTensor truth) {
        checkShapes(estimate, truth);
        try (NDScope scope = new NDScope()) {
            NDManager m = truth.getManager();
            NDArray[] ab = normalisedMagnitudes(estimate, truth, m);
            NDArray mse = ab[0].sub(ab[1]).square().mean();
            return 10 * Math.log10(1 / Scalars.value(mse));
        }
    }

    /**
     * SSIM of the magnitude images normalised by {@code max|truth|}, data range 1, averaged over
     * slices for volumes.
     *
     * @param estimate the reconstruction
     * @param truth the ground truth, same shape, images at least 11 x 11
     * @return the mean SSIM, at most 1
     */
    public static double ssim(ComplexTensor estimate, ComplexTensor truth) {
        checkShapes(estimate, truth);
        try (NDScope scope = new NDScope()) {
            NDManager m = truth.getManager();
            NDArray[] ab = normalisedMagnitudes(estimate, truth, m);
            return Scalars.value(ssimMap(ab[0], ab[1], m).mean());
        }
    }

    /**
     * The SSIM map of two real images {@code (..., N2, N1)} with data range 1: shape {@code (...,
     * N2 - 10, N1 - 10)}; windows are created in {@code m}.
     */
    static NDArray ssimMap(NDArray a, NDArray b, NDManager m) {
        Shape s = a.getShape();
        int nd = s.dimension();
        int n2 = (int) s.get(nd - 2);
        int n1 = (int) s.get(nd - 1);
        if (n2 < WINDOW || n1 < WINDOW) {
            throw new IllegalArgumentException(
                    "SSIM needs images of at least 11 x 11, got " + n2 + " x " + n1);
        }
        NDArray w2 = window(m, n2, a.getDataType());
        NDArray w1t = window(m, n1, a.getDataType()).transpose();
        double c1 = K1 * K1;
        double c2 = K2 * K2;
        NDArray muA = w2.matMul(a).matMul(w1t);
        NDArray muB = w2.matMul(b).matMul(w1t);
        NDArray aa = w2.matMul(a.mul(a)).matMul(w1t).sub(muA.mul(muA));
        NDArray bb = w2.matMul(b.mul(b)).matMul(w1t).sub(muB.mul(muB));
        NDArray ab = w2.matMul(a.mul(b)).matMul(w1t).sub(muA.mul(muB));
        NDArray num = muA.mul(muB).mul(2).add(c1).mul(ab.mul(2).add(c2));
        NDArray den = muA.square().add(muB.square()).add(c1).mul(aa.add(bb).add(c2));
        return num.div(den);
    }

    /**
     * The valid-filtering matrix {@code (n - 10, n)} of the normalised 1-D Gaussian (sigma 1.5, 11
     * taps): row i holds the window over pixels i .. i + 10. The 2-D window is the product of two
     * such 1-D windows, so filtering is {@code W2 @ img @ W1^T}.
     */
    static NDArray window(NDManager m, int n, DataType dtype) {
        double[] g = gaussian();
        int rows = n - WINDOW + 1;
        double[] w = new double[rows * n];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < WINDOW; k++) {
                w[i * n + i + k] = g[k];
            }
        }
        return m.create(w, new Shape(rows, n)).toType(dtype, false);
    }

    /** The normalised 11-tap Gaussian, sigma 1.5. */
    static double[] gaussian() {
        double[] g = new double[WINDOW];
        double sum = 0;
        for (int k = 0; k < WINDOW; k++) {
            double d = k - (WINDOW - 1) / 2.0;
            g[k] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
            sum += g[k];
        }
        for (int k = 0; k < WINDOW; k++) {
            g[k] /= sum;
        }
        return g;
    }

    private static NDArray[] normalisedMagnitudes(
            ComplexTensor estimate, ComplexTensor truth, NDManager m) {
        NDArray t = truth.abs();
        NDArray e = estimate.abs();
        double max = Scalars.value(t.max());
        if (!(max > 0)) {
            throw new IllegalArgumentException("ground truth is all zero: max|x| = " + max);
        }
        return new NDArray[] {e.div(max), t.div(max)};
    }

    private static void checkShapes(ComplexTensor estimate, ComplexTensor truth) {
        if (!estimate.getShape().equals(truth.getShape())) {
            throw new IllegalArgumentException(
                    "estimate and truth differ in shape: "
                            + estimate.getShape()
                            + " vs "
                            + truth.getShape());
        }
    }
}
