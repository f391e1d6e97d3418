package org.rfrecon.training.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.testing.Seeds;

/** The metrics against their definitions on hand-made images and a host SSIM reference. */
class ImageMetricsTest {

    @Test
    void identicalImagesHavePerfectScores() {
        try (NDManager m = NDManager.newBaseManager()) {
            ComplexTensor x =
                    ComplexTensor.randomNormal(
                            m, new Shape(2, 20, 24), DataType.FLOAT64, new Random(Seeds.fresh()));
            double[] ssim = ImageMetrics.ssim(x, x).toDoubleArray();
            assertEquals(1.0, ssim[0], 1e-12);
            assertEquals(1.0, ssim[1], 1e-12);
        }
    }

    @Test
    void nmseOfAScaledCopyAndPsnrOfAKnownPerturbationAreExact() {
        try (NDManager m = NDManager.newBaseManager()) {
            ComplexTensor x =
                    ComplexTensor.randomNormal(
                            m, new Shape(1, 16, 16), DataType.FLOAT64, new Random(Seeds.fresh()));
            // xhat = 0.9 x: NMSE = 0.01 exactly, -20 dB
            assertEquals(-20.0, ImageMetrics.nmseDb(x, x.scale(0.9)).getDouble(0), 1e-9);
            // |xhat| = |x| + 0.05 max|x| everywhere: scaled error 0.05, PSNR = -20 log10(0.05)
            double peak = x.abs().max().getDouble();
            ComplexTensor xhat = x.scale(x.abs().add(0.05 * peak).div(x.abs()));
            assertEquals(-20 * Math.log10(0.05), ImageMetrics.psnr(x, xhat).getDouble(0), 1e-9);
        }
    }

    @Test
    void ssimMatchesAHostReference() {
        long seed = Seeds.fresh();
        Random rng = new Random(seed);
        try (NDManager m = NDManager.newBaseManager()) {
            int h = 15;
            int w = 17;
            ComplexTensor x =
                    ComplexTensor.randomNormal(m, new Shape(1, h, w), DataType.FLOAT64, rng);
            ComplexTensor y =
                    x.add(
                            ComplexTensor.randomNormal(m, new Shape(1, h, w), DataType.FLOAT64, rng)
                                    .scale(0.5));
            double[] a = x.abs().toDoubleArray();
            double[] b = y.abs().toDoubleArray();
            double peak = 0;
            for (double v : a) {
                peak = Math.max(peak, v);
            }
            double[] g = ImageMetrics.gaussian(m).toDoubleArray();
            double sum = 0;
            int count = 0;
            for (int i = 0; i + 11 <= h; i++) {
                for (int j = 0; j + 11 <= w; j++) {
                    double mx = 0, my = 0, xx = 0, yy = 0, xy = 0;
                    for (int u = 0; u < 11; u++) {
                        for (int v = 0; v < 11; v++) {
                            double wt = g[u * 11 + v];
                            double p = a[(i + u) * w + j + v] / peak;
                            double q = b[(i + u) * w + j + v] / peak;
                            mx += wt * p;
                            my += wt * q;
                            xx += wt * p * p;
                            yy += wt * q * q;
                            xy += wt * p * q;
                        }
                    }
                    double c1 = 1e-4;
                    double c2 = 9e-4;
                    double sxx = xx - mx * mx, syy = yy - my * my, sxy = xy - mx * my;
                    sum +=
                            (2 * mx * my + c1)
                                    * (2 * sxy + c2)
                                    / ((mx * mx + my * my + c1) * (sxx + syy + c2));
                    count++;
                }
            }
            double expect = sum / count;
            double got = ImageMetrics.ssim(x, y).getDouble(0);
            assertEquals(expect, got, 1e-10, "seed " + seed);
            assertTrue(got < 0.99 && got > 0, "a perturbed image has SSIM in (0, 1): " + got);
        }
    }

    @Test
    void volumesAverageSsimOverSlices() {
        try (NDManager m = NDManager.newBaseManager()) {
            Random rng = new Random(Seeds.fresh());
            ComplexTensor x =
                    ComplexTensor.randomNormal(m, new Shape(1, 3, 12, 12), DataType.FLOAT64, rng);
            ComplexTensor y =
                    x.add(
                            ComplexTensor.randomNormal(m, x.getShape(), DataType.FLOAT64, rng)
                                    .scale(0.3));
            double vol = ImageMetrics.ssim(x, y).getDouble(0);
            assertTrue(vol > 0 && vol < 1, "volume SSIM " + vol);
        }
    }
}
