package org.rfrecon.datasets.sim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Random;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * Circular complex white Gaussian noise at a prescribed SNR over all of Y (SPEC §2): {@code SNR_dB
 * = 10 log10(||y_clean||^2 / ||n||^2)}.
 *
 * <p>A unit-variance draw {@code w} (host RNG, so the same seed gives the same draw on every
 * device) is scaled by {@code ||y_clean|| / (||w|| 10^(SNR/20))}, so the realised SNR equals the
 * request to rounding rather than only in expectation; the noise stays white and circular, only its
 * total energy is fixed.
 */
public final class Noise {

    private Noise() {}

    /**
     * Returns {@code y_clean + n} with {@code ||n||^2 = ||y_clean||^2 10^(-snrDb/10)}, in {@code
     * yClean}'s manager. An infinite {@code snrDb} adds nothing (a copy is returned).
     */
    public static ComplexTensor add(ComplexTensor yClean, double snrDb, Random rng) {
        if (Double.isNaN(snrDb) || snrDb == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException("SNR must be a number of dB, got " + snrDb);
        }
        if (snrDb == Double.POSITIVE_INFINITY) {
            return yClean.duplicate();
        }
        NDManager owner = yClean.getManager();
        try (NDManager tmp = owner.newSubManager()) {
            ComplexTensor w =
                    ComplexTensor.randomNormal(tmp, yClean.getShape(), yClean.getDataType(), rng);
            double signal = squaredNorm(yClean);
            double drawn = squaredNorm(w);
            double scale = Math.sqrt(signal / drawn * Math.pow(10, -snrDb / 10));
            return yClean.add(w.scale(scale)); // owned by yClean's manager
        }
    }

    /** The SNR in dB of {@code y} against {@code yClean}: {@code 10 log10(||yc||^2/||y-yc||^2)}. */
    public static double measuredSnrDb(ComplexTensor yClean, ComplexTensor y) {
        try (NDManager tmp = yClean.getManager().newSubManager()) {
            ComplexTensor d = y.sub(yClean).attach(tmp);
            return 10 * Math.log10(squaredNorm(yClean) / squaredNorm(d));
        }
    }

    /** {@code ||x||^2} read to the host, freeing the device scalar. */
    static double squaredNorm(ComplexTensor x) {
        try (NDArray n = x.norm2Squared();
                NDArray d = n.toType(DataType.FLOAT64, false)) {
            return d.getDouble();
        }
    }
}
