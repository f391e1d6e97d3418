package org.rfrecon.training.metric;

import org.rfrecon.core.complex.ComplexTensor;

/**
 * A DJL evaluator of the mean SSIM of normalised magnitudes (SPEC §6), higher is better, per scene
 * over (B, 2, ...) pair arrays.
 */
public final class SsimEvaluator extends PairMetricEvaluator {

    /** An evaluator named {@code "ssim"}. */
    public SsimEvaluator() {
        super("ssim");
    }

    @Override
    protected double metric(ComplexTensor estimate, ComplexTensor truth) {
        return ImageMetrics.ssim(estimate, truth);
    }
}
