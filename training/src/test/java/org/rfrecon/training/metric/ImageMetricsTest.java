package org.rfrecon.training.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.testing.FreshDraws;
import org.rfrecon.core.testing.HostComplex;

/** NMSE, PSNR and SSIM on hand-made images with known answers and a direct float64 reference. */
@ExtendWith(FreshDraws.class)
class ImageMetricsTest {

    private static final DataType F64 = DataType.FLOAT64;

    @Test
    void ssimOfAnImageWithItselfIsOne() {
        long seed = System.nanoTime();
        try (NDManager m = NDManager.newBaseManager()) {
            ComplexTensor x =
                    ComplexTensor.randomNormal(m, new Shape(3, 16, 14), F64, new Random(seed));
            assertEquals(1.0, ImageMetrics.ssim(x, x), 1e-12, "seed " + seed);
            assertEquals(Double.POSITIVE_INFINITY, ImageMetrics.psnr(x, x), "seed " + seed);
        }
    }

    @Test
    void nmseOfAScaledCopyIsExact() {
        long seed = System.nanoTime();
        try (NDManager m = NDManager.newBaseManager()) {
            ComplexTensor x =
                    ComplexTensor.randomNormal(m, new Shape(12, 12), F64, new Random(seed));
            // (1 + 0.1j) x - x = 0.1j x: NMSE = |0.1j|^2 = 0.01 -> -20 dB
            assertEquals(-20.0, ImageMetrics.nmseDb(x.scale(1, 0.1), x), 1e-10, "seed " + seed);
            assertEquals(
                    20 * Math.log10(0.7),
                    ImageMetrics.nmseDb(x.scale(0.3), x),
                    1e-10,
                    "seed " + seed);
        }
    }

    @Test
    void psnrOfAKnownPerturbation() {
        try (NDManager m = NDManager.newBaseManager()) {
            // truth: magnitude 2 everywhere, one pixel 4 (max); estimate: every magnitude + 0.2
            double[] t = new double[2 * 100];
            for (int k = 0; k < 100; k++) {
                t[2 * k] = k == 37 ? 4 : 2;
            }
            ComplexTensor truth = ComplexTensor.fromInterleaved(m, t, new Shape(10, 10), F64);
            ComplexTensor est = truth.add(ComplexTensor.ofReal(truth.re().sign().mul(0.2)));
            // normalised error 0.2 / 4 = 0.05 at every pixel: PSNR = 10 log10(1 / 0.0025)
            assertEquals(10 * Math.log10(400), ImageMetrics.psnr(est, truth), 1e-10);
        }
    }

    @Test
    void ssimMatchesADirectFloat64Reference(Random rng, NDManager m) {
        Shape s = new Shape(2, 13, 15);
        ComplexTensor truth = ComplexTensor.randomNormal(m, s, F64, rng);
        ComplexTensor est = truth.add(ComplexTensor.randomNormal(m, s, F64, rng).scale(0.4));
        double[] tv = truth.toInterleaved();
        double[] ev = est.toInterleaved();
        double max = HostComplex.maxModulus(tv);
        double sum = 0;
        for (int z = 0; z < 2; z++) {
            sum += referenceSsim(tv, ev, z, 13, 15, max);
        }
        assertEquals(sum / 2, ImageMetrics.ssim(est, truth), 1e-12);
        // the evaluator gives the same on (B, 2, ...) channel-first pairs
        NDArray tp = truth.stackChannels(0).expandDims(0);
        NDArray ep = est.stackChannels(0).expandDims(0);
        PairMetricEvaluator ev1 = PairMetricEvaluator.ssim();
        ev1.addAccumulator("v");
        ev1.updateAccumulator("v", new NDList(tp), new NDList(ep));
        assertEquals(sum / 2, ev1.getAccumulator("v"), 1e-6);
        Quality q = new SpecQualityMetrics().quality(tp, ep);
        assertEquals(ImageMetrics.nmseDb(est, truth), q.nmseDb(), 1e-12);
        assertEquals(ImageMetrics.psnr(est, truth), q.psnr(), 1e-12);
        assertEquals(sum / 2, q.ssim(), 1e-12);
    }

    /** SSIM of slice z by explicit 11 x 11 windows (Wang et al. 2004, valid positions). */
    private static double referenceSsim(double[] t, double[] e, int z, int n2, int n1, double max) {
        double[] g = new double[11];
        double gs = 0;
        for (int k = 0; k < 11; k++) {
            g[k] = Math.exp(-(k - 5) * (k - 5) / (2 * 1.5 * 1.5));
            gs += g[k];
        }
        double c1 = 1e-4;
        double c2 = 9e-4;
        double total = 0;
        int count = 0;
        for (int i = 0; i + 11 <= n2; i++) {
            for (int j = 0; j + 11 <= n1; j++) {
                double ma = 0, mb = 0, saa = 0, sbb = 0, sab = 0;
                for (int di = 0; di < 11; di++) {
                    for (int dj = 0; dj < 11; dj++) {
                        int k = (z * n2 + i + di) * n1 + j + dj;
                        double w = g[di] * g[dj] / (gs * gs);
                        double a = Math.hypot(e[2 * k], e[2 * k + 1]) / max;
                        double b = Math.hypot(t[2 * k], t[2 * k + 1]) / max;
                        ma += w * a;
                        mb += w * b;
                        saa += w * a * a;
                        sbb += w * b * b;
                        sab += w * a * b;
                    }
                }
                saa -= ma * ma;
                sbb -= mb * mb;
                sab -= ma * mb;
                total +=
                        (2 * ma * mb + c1)
                                * (2 * sab + c2)
                                / ((ma * ma + mb * mb + c1) * (saa + sbb + c2));
                count++;
            }
        }
        return total / count;
    }
}
