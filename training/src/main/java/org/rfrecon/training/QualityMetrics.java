package org.rfrecon.training;

import ai.djl.ndarray.NDArray;
import org.rfrecon.training.metric.Quality;

/**
 * The per-batch quality of reconstructions against ground truth, as the validation loop reports it:
 * mean NMSE (dB), PSNR and SSIM over the batch (SPEC §6). Arrays are {@code (B, 2, ...)} (real,
 * imaginary) pairs.
 */
@FunctionalInterface
public interface QualityMetrics {

    /** The quality averaged over the batch. */
    Quality quality(NDArray truth, NDArray reconstruction);

    /**
     * {@link #quality} as {@code {nmse_db, psnr, ssim}}, for the callers that still keep metrics in
     * arrays (sharded inference and its Spark engine).
     */
    default double[] evaluate(NDArray truth, NDArray reconstruction) {
        return quality(truth, reconstruction).toArray();
    }
}
