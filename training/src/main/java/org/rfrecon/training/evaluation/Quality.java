package org.rfrecon.training.evaluation;

import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.training.metric.ImageMetrics;

/**
 * The quality of one reconstruction against its ground truth (SPEC §6).
 *
 * @param nmseDb {@code 10 log10(||xhat - x||^2 / ||x||^2)}: 0 dB is no better than an all-zero
 *     image, -10 dB leaves 10% of the energy as error
 * @param psnr PSNR in dB of the magnitude images divided by {@code max|x|}
 * @param ssim SSIM of the same magnitude images
 */
public record Quality(double nmseDb, double psnr, double ssim) {

    /** The quality of {@code estimate} against {@code truth} (same shape, same dtype). */
    public static Quality of(ComplexTensor estimate, ComplexTensor truth) {
        return new Quality(
                ImageMetrics.nmseDb(estimate, truth),
                ImageMetrics.psnr(estimate, truth),
                ImageMetrics.ssim(estimate, truth));
    }
}
