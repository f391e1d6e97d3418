package org.rfrecon.training;

import java.util.Locale;
import org.rfrecon.training.metric.Quality;

/**
 * One epoch of a run, as a line of {@code metrics.csv}: training loss, the validation (loss and the
 * metrics of SPEC §6, means over the held-out set), and the epoch's wall time.
 *
 * @param epoch the epoch (1-based in the file)
 * @param trainLoss mean training loss over the epoch's steps
 * @param validation the network on the held-out set after the epoch
 * @param seconds wall time of the epoch, validation included
 */
public record EpochMetrics(int epoch, double trainLoss, Validation validation, double seconds) {

    /** The CSV header. */
    public static final String HEADER =
            "epoch,train_loss,val_loss,val_nmse_db,val_psnr,val_ssim,seconds";

    /** The mean validation loss. */
    public double valLoss() {
        return validation.loss();
    }

    /** The mean validation NMSE in dB. */
    public double valNmseDb() {
        return validation.quality().nmseDb();
    }

    /** This row as CSV. */
    public String toCsv() {
        Quality q = validation.quality();
        return String.format(
                Locale.ROOT,
                "%d,%.8g,%.8g,%.4f,%.4f,%.6f,%.3f",
                epoch,
                trainLoss,
                validation.loss(),
                q.nmseDb(),
                q.psnr(),
                q.ssim(),
                seconds);
    }
}
