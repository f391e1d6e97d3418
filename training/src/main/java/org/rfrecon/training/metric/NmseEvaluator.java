package org.rfrecon.training.metric;

import org.rfrecon.core.complex.ComplexTensor;

/**
 * A DJL evaluator of the mean NMSE in dB (SPEC §6), lower is better, per scene over (B, 2, ...)
 * pair arrays.
 */
public final class NmseEvaluator extends PairMetricEvaluator {

    /** An evaluator named {@code "nmse_db"}. */
    public NmseEvaluator() {
        super("nmse_db");
    }

    @Override
    protected double metric(ComplexTensor estimate, ComplexTensor truth) {
        return ImageMetrics.nmseDb(estimate, truth);
    }
}
