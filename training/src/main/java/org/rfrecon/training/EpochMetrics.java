package org.rfrecon.training;

import java.util.Locale;

/**
 * One epoch's line of {@code metrics.csv}: training loss, validation loss and the validation
 * metrics of SPEC §6 (means over the held-out set), and the epoch's wall time.
 *
 * @param epoch the epoch (1-based in the file)
 * @param trainLoss mean training loss over the epoch's steps
 * @param valLoss mean validation loss
 * @param valNmseDb mean validation NMSE in dB
 * @param valPsnr mean validation PSNR in dB
 * @param valSsim mean validation SSIM
 * @param seconds wall time of the epoch, validation included
 */
public record EpochMetrics(
        int epoch,
        double trainLoss,
        double valLoss,
        double valNmseDb,
        double valPsnr,
        double valSsim,
        double seconds) {

    /** The CSV header. */
    public static final String HEADER =
            "epoch,train_loss,val_loss,val_nmse_db,val_psnr,val_ssim,seconds";

    /** This row as CSV. */
    public String toCsv() {
        return String.format(
                Locale.ROOT,
                "%d,%.8g,%.8g,%.4f,%.4f,%.6f,%.3f",
                epoch,
                trainLoss,
                valLoss,
                valNmseDb,
                valPsnr,
                valSsim,
                seconds);
    }

    /** Parses a row written by {@link #toCsv()}. */
    public static EpochMetrics fromCsv(String line) {
        String[] f = line.split(",");
        if (f.length != 7) {
            throw new IllegalArgumentException(
                    "metrics.csv: expected 7 fields, got '" + line + "'");
        }
        return new EpochMetrics(
                Integer.parseInt(f[0]),
                Double.parseDouble(f[1]),
                Double.parseDouble(f[2]),
                Double.parseDouble(f[3]),
                Double.parseDouble(f[4]),
                Double.parseDouble(f[5]),
                Double.parseDouble(f[6]));
    }
}
