package org.rfrecon.training.metric;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * The image-quality metrics of SPEC §6, batched, on the device. Inputs are complex pairs of shape
 * {@code (B, N2, N1)} or {@code (B, N3, N2, N1)}; results are one value per sample, {@code (B)}.
 *
 * <ul>
 *   <li>NMSE (dB): {@code 10 log10(||xhat - x||^2 / ||x||^2)} over complex values.
 *   <li>PSNR (dB): on magnitudes divided by {@code max|x|} of the truth, data range 1: {@code 10
 *       log10(1 / mean((|xhat| - |x|)^2 / max|x|^2))}.
 *   <li>SSIM: on the same magnitude images, an 11x11 Gaussian window with sigma 1.5, K1 = 0.01, K2
 *       = 0.03, data range 1, population (co)variances, averaged over the positions where the
 *       window fits inside the image (a "valid" filter) and, for volumes, over z-slices. This is
 *       scikit-image's {@code structural_similarity(gaussian_weights=True, sigma=1.5,
 *       use_sample_covariance=False, data_range=1)}: it filters with reflection and then crops the
 *       5-pixel border, which leaves exactly the valid positions.
 * </ul>
 */
public final class ImageMetrics {

    /** SSIM's window size. */
    public static final int WINDOW = 11;

    /** SSIM's Gaussian sigma. */
    public static final double SIGMA = 1.5;

    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;

    private ImageMetrics() {}

    /** NMSE in dB per sample. */
    public static NDArray nmseDb(ComplexTensor truth, ComplexTensor estimate) {
        int[] axes = sampleAxes(truth);
        NDArray err = estimate.sub(truth).abs2().sum(axes);
        NDArray ref = truth.abs2().sum(axes);
        return err.div(ref).log10().mul(10);
    }

    /** PSNR in dB per sample (magnitudes scaled by the truth's peak, data range 1). */
    public static NDArray psnr(ComplexTensor truth, ComplexTensor estimate) {
        NDArray[] ab = scaledMagnitudes(truth, estimate);
        long n = ab[0].getShape().get(0);
        NDArray mse = ab[1].sub(ab[0]).square().reshape(n, -1).mean(new int[] {1});
        return mse.pow(-1).log10().mul(10);
    }

    /** SSIM per sample (volumes: the mean over z-slices). */
    public static NDArray ssim(ComplexTensor truth, ComplexTensor estimate) {
        NDArray[] ab = scaledMagnitudes(truth, estimate);
        Shape s = ab[0].getShape();
        long b = s.get(0);
        long h = s.get(s.dimension() - 2);
        long w = s.get(s.dimension() - 1);
        if (h < WINDOW || w < WINDOW) {
            throw new IllegalArgumentException(
                    "SSIM needs images of at least " + WINDOW + " x " + WINDOW + ", got " + s);
        }
        NDArray x = ab[0].reshape(-1, 1, h, w);
        NDArray y = ab[1].reshape(-1, 1, h, w);
        NDArray k = gaussian(x.getManager()).toType(x.getDataType(), false);
        NDArray mx = filter(x, k);
        NDArray my = filter(y, k);
        NDArray sxx = filter(x.mul(x), k).sub(mx.mul(mx));
        NDArray syy = filter(y.mul(y), k).sub(my.mul(my));
        NDArray sxy = filter(x.mul(y), k).sub(mx.mul(my));
        NDArray num = mx.mul(my).mul(2).add(C1).mul(sxy.mul(2).add(C2));
        NDArray den = mx.square().add(my.square()).add(C1).mul(sxx.add(syy).add(C2));
        NDArray map = num.div(den); // (B * slices, 1, h - 10, w - 10)
        return map.reshape(b, -1).mean(new int[] {1});
    }

    /** The normalised 11x11 Gaussian window as a (1, 1, 11, 11) convolution kernel, float64. */
    static NDArray gaussian(NDManager manager) {
        double[] g = new double[WINDOW * WINDOW];
        double sum = 0;
        int r = WINDOW / 2;
        for (int i = 0; i < WINDOW; i++) {
            for (int j = 0; j < WINDOW; j++) {
                double v = Math.exp(-((i - r) * (i - r) + (j - r) * (j - r)) / (2 * SIGMA * SIGMA));
                g[i * WINDOW + j] = v;
                sum += v;
            }
        }
        for (int i = 0; i < g.length; i++) {
            g[i] /= sum;
        }
        return manager.create(g, new Shape(1, 1, WINDOW, WINDOW));
    }

    private static NDArray filter(NDArray x, NDArray kernel) {
        return Conv2d.conv2d(x, kernel).singletonOrThrow(); // stride 1, no padding: valid
    }

    /** |truth| / max|truth| and |estimate| / max|truth| per sample. */
    private static NDArray[] scaledMagnitudes(ComplexTensor truth, ComplexTensor estimate) {
        NDArray a = truth.abs();
        NDArray b = estimate.abs();
        long n = a.getShape().get(0);
        long[] keep = new long[a.getShape().dimension()];
        java.util.Arrays.fill(keep, 1);
        keep[0] = n;
        NDArray peak = a.reshape(n, -1).max(new int[] {1}, true).reshape(new Shape(keep));
        return new NDArray[] {a.div(peak), b.div(peak)};
    }

    private static int[] sampleAxes(ComplexTensor t) {
        int[] axes = new int[t.getShape().dimension() - 1];
        for (int k = 0; k < axes.length; k++) {
            axes[k] = k + 1;
        }
        return axes;
    }
}
