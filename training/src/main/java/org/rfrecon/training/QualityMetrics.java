package org.rfrecon.training;

import ai.djl.ndarray.NDArray;

/**
 * The per-batch quality of reconstructions against ground truth, as the validation loop reports it:
 * mean NMSE (dB), PSNR and SSIM over the batch (SPEC §6). Arrays are {@code (B, ..., 2)} (real,
 * imaginary) pairs.
 */
public interface QualityMetrics {

    /** Returns {@code {nmse_db, psnr, ssim}} averaged over the batch. */
    double[] evaluate(NDArray truth, NDArray reconstruction);
}
