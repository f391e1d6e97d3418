package org.rfrecon.training.metric;

import com.google.gson.JsonObject;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * The quality of a reconstruction against its ground truth (SPEC §6), or a mean of such.
 *
 * @param nmseDb {@code 10 log10(||xhat - x||^2 / ||x||^2)}: 0 dB is no better than an all-zero
 *     image, -10 dB leaves 10% of the energy as error
 * @param psnr PSNR in dB of the magnitude images divided by {@code max|x|}
 * @param ssim SSIM of the same magnitude images
 */
public record Quality(double nmseDb, double psnr, double ssim) {

    /** All zero: the start of a sum. */
    public static final Quality ZERO = new Quality(0, 0, 0);

    /** The quality of {@code estimate} against {@code truth} (same shape, same dtype). */
    public static Quality of(ComplexTensor estimate, ComplexTensor truth) {
        return new Quality(
                ImageMetrics.nmseDb(estimate, truth),
                ImageMetrics.psnr(estimate, truth),
                ImageMetrics.ssim(estimate, truth));
    }

    /** Each metric plus {@code weight} times the other's (a weighted sum, term by term). */
    public Quality plus(Quality other, double weight) {
        return new Quality(
                nmseDb + other.nmseDb * weight,
                psnr + other.psnr * weight,
                ssim + other.ssim * weight);
    }

    /** Each metric plus the other's. */
    public Quality plus(Quality other) {
        return new Quality(nmseDb + other.nmseDb, psnr + other.psnr, ssim + other.ssim);
    }

    /** Each metric divided by {@code n} (a sum to a mean). */
    public Quality dividedBy(double n) {
        return new Quality(nmseDb / n, psnr / n, ssim / n);
    }

    /** {@code {nmse_db, psnr, ssim}}, for callers that keep metrics in arrays. */
    public double[] toArray() {
        return new double[] {nmseDb, psnr, ssim};
    }

    /** As JSON: {@code nmse_db}, {@code psnr}, {@code ssim}. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("nmse_db", nmseDb);
        o.addProperty("psnr", psnr);
        o.addProperty("ssim", ssim);
        return o;
    }
}
