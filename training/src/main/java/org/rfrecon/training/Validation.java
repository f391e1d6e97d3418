package org.rfrecon.training;

import org.rfrecon.training.metric.Quality;

/**
 * The network on the held-out set: the mean training loss there and the mean quality (SPEC §6).
 *
 * @param loss the mean validation loss (the training loss on held-out samples)
 * @param quality the mean NMSE (dB), PSNR and SSIM
 */
public record Validation(double loss, Quality quality) {}
