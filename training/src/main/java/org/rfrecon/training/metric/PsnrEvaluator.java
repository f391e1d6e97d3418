package org.rfrecon.training.metric;

import org.rfrecon.core.complex.ComplexTensor;

/**
 * A DJL evaluator of the mean PSNR in dB of normalised magnitudes (SPEC §6), higher is better, per
 * scene over (B, 2, ...) pair arrays.
 */
public final class PsnrEvaluator extends PairMetricEvaluator {

    /** An evaluator named {@code "psnr"}. */
    public PsnrEvaluator() {
        super("psnr");
    }

    @Override
    protected double metric(ComplexTensor estimate, ComplexTensor truth) {
        return ImageMetrics.psnr(estimate, truth);
    }
}
