package org.rfrecon.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import org.rfrecon.training.ablation.ResultRow;

/**
 * A {@link ResultRow} in a serialisable form, as a task returns it (every field kept exactly, so
 * the driver writes the same results.csv and results.md as a single-machine run).
 */
record RowData(
        String variant,
        long seed,
        LinkedHashMap<String, String> axes,
        String status,
        double nmseDb,
        double psnr,
        double ssim,
        double trainSeconds,
        long parameters,
        long peakBytes,
        String error)
        implements Serializable {

    static RowData of(ResultRow r) {
        return new RowData(
                r.variant(),
                r.seed(),
                new LinkedHashMap<>(r.axes()),
                r.status(),
                r.nmseDb(),
                r.psnr(),
                r.ssim(),
                r.trainSeconds(),
                r.parameters(),
                r.peakBytes(),
                r.error());
    }

    ResultRow row() {
        return new ResultRow(
                variant,
                seed,
                new LinkedHashMap<>(axes),
                status,
                nmseDb,
                psnr,
                ssim,
                trainSeconds,
                parameters,
                peakBytes,
                error);
    }
}
