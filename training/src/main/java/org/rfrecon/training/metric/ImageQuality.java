package org.rfrecon.training.metric;

import ai.djl.ndarray.NDArray;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.training.QualityMetrics;

/**
 * {@link QualityMetrics} of SPEC §6 for channel-first pair arrays {@code (B, 2, ...)}: the batch
 * means of {@link ImageMetrics#nmseDb}, {@link ImageMetrics#psnr} and {@link ImageMetrics#ssim}.
 */
public final class ImageQuality implements QualityMetrics {

    @Override
    public double[] evaluate(NDArray truth, NDArray reconstruction) {
        ComplexTensor x = ComplexTensor.fromChannels(truth, 1);
        ComplexTensor y = ComplexTensor.fromChannels(reconstruction, 1);
        return new double[] {
            Scalars.value(ImageMetrics.nmseDb(x, y).mean()),
            Scalars.value(ImageMetrics.psnr(x, y).mean()),
            Scalars.value(ImageMetrics.ssim(x, y).mean())
        };
    }
}
