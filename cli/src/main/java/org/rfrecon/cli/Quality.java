package org.rfrecon.cli;

import ai.djl.ndarray.NDArray;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.training.QualityMetrics;

/** The image-quality metrics the commands report (SPEC §6). */
final class Quality {

    private Quality() {}

    /** The metrics used by train, ablate and infer. */
    static QualityMetrics metrics() {
        return (truth, recon) -> {
            NDArray err = recon.sub(truth).square().sum(new int[] {1, 2, 3});
            NDArray ref = truth.square().sum(new int[] {1, 2, 3});
            double nmse = Scalars.value(err.div(ref).log10().mul(10).mean());
            return new double[] {nmse, Double.NaN, Double.NaN};
        };
    }
}
