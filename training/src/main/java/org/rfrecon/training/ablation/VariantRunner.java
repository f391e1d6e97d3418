package org.rfrecon.training.ablation;

import java.nio.file.Path;
import java.util.List;

/**
 * Trains and evaluates one variant with one seed; the ablation driver calls it once per grid point
 * and seed (and the Spark engine once per task). Implementations must be deterministic in (variant,
 * seed) and evaluate every variant on the same held-out set.
 */
public interface VariantRunner {

    /**
     * Trains {@code variant} with {@code seed} in {@code runDirectory} and evaluates it.
     *
     * @throws Exception anything; the driver records it as a failed row and goes on
     */
    ResultRow run(Variant variant, long seed, Path runDirectory) throws Exception;

    /**
     * The classical baselines on the same held-out set, as rows named after the method (e.g. {@code
     * backprojection}, {@code admm-K}); the stages values of the grid give the K to use.
     */
    List<BaselineRow> baselines(AblationConfig config) throws Exception;

    /**
     * A baseline's held-out metrics.
     *
     * @param method the method's name
     * @param nmseDb mean NMSE (dB)
     * @param psnr mean PSNR (dB)
     * @param ssim mean SSIM
     */
    record BaselineRow(String method, double nmseDb, double psnr, double ssim) {}
}
