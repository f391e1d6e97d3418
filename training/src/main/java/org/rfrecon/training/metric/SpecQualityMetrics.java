package org.rfrecon.training.metric;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import org.rfrecon.training.QualityMetrics;

/**
 * The trainer's {@link QualityMetrics} computed exactly per SPEC §6 with {@link ImageMetrics}: the
 * {@link Quality} averaged over a batch of channel-first {@code (B, 2, ...)} pairs.
 */
public final class SpecQualityMetrics implements QualityMetrics {

    private final PairMetricEvaluator nmse = PairMetricEvaluator.nmseDb();
    private final PairMetricEvaluator psnr = PairMetricEvaluator.psnr();
    private final PairMetricEvaluator ssim = PairMetricEvaluator.ssim();

    @Override
    public Quality quality(NDArray truth, NDArray reconstruction) {
        NDList t = new NDList(truth);
        NDList r = new NDList(reconstruction);
        return new Quality(
                mean(nmse.perScene(t, r)), mean(psnr.perScene(t, r)), mean(ssim.perScene(t, r)));
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }
}
