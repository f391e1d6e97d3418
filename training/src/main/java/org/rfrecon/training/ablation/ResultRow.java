package org.rfrecon.training.ablation;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One line of {@code results.csv}: a variant trained with one seed and evaluated on the shared
 * held-out set, or the failure that stopped it.
 *
 * @param variant the variant id
 * @param seed the training seed
 * @param axes the variant's axis values as text, in axis order
 * @param status {@code ok} or {@code failed}
 * @param nmseDb mean held-out NMSE (dB)
 * @param psnr mean held-out PSNR (dB)
 * @param ssim mean held-out SSIM
 * @param trainSeconds wall time of training
 * @param parameters number of learned scalars
 * @param peakBytes peak bytes of live native arrays in one training step (0 if not measured)
 * @param error the failure's one-line message ({@code ""} when ok)
 */
public record ResultRow(
        String variant,
        long seed,
        Map<String, String> axes,
        String status,
        double nmseDb,
        double psnr,
        double ssim,
        double trainSeconds,
        long parameters,
        long peakBytes,
        String error)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Keeps a copy of {@code axes} in its order (serialisable, so a cluster task can return it).
     */
    public ResultRow {
        axes = new LinkedHashMap<>(axes);
    }

    /** A failed run. */
    public static ResultRow failed(Variant v, long seed, String error) {
        return new ResultRow(
                v.id(),
                seed,
                axesText(v),
                "failed",
                Double.NaN,
                Double.NaN,
                Double.NaN,
                0,
                0,
                0,
                error == null ? "unknown error" : error.replace('\n', ' '));
    }

    /** Whether the run completed. */
    public boolean ok() {
        return "ok".equals(status);
    }

    /** The variant's axis values as text. */
    public static Map<String, String> axesText(Variant v) {
        Map<String, String> m = new LinkedHashMap<>();
        v.values().forEach((k, val) -> m.put(k, Variant.text(val)));
        return m;
    }

    /** The CSV header for a grid with the given axes. */
    public static String header(List<String> axisNames) {
        List<String> cols = new ArrayList<>(List.of("variant", "seed"));
        cols.addAll(axisNames);
        cols.addAll(
                List.of(
                        "status",
                        "nmse_db",
                        "psnr",
                        "ssim",
                        "train_seconds",
                        "parameters",
                        "peak_bytes",
                        "error"));
        return String.join(",", cols);
    }

    /** This row as CSV (fields with commas or quotes are quoted). */
    public String toCsv() {
        List<String> f = new ArrayList<>(List.of(quote(variant), Long.toString(seed)));
        axes.values().forEach(a -> f.add(quote(a)));
        f.add(status);
        f.add(num(nmseDb));
        f.add(num(psnr));
        f.add(num(ssim));
        f.add(num(trainSeconds));
        f.add(Long.toString(parameters));
        f.add(Long.toString(peakBytes));
        f.add(quote(error));
        return String.join(",", f);
    }

    /** Parses a row of a file whose header is {@code header(axisNames)}. */
    public static ResultRow fromCsv(String line, List<String> axisNames) {
        List<String> f = Csv.split(line);
        int n = axisNames.size();
        if (f.size() != 2 + n + 8) {
            throw new IllegalArgumentException(
                    "results.csv: expected " + (10 + n) + " fields, got " + f.size() + ": " + line);
        }
        Map<String, String> axes = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            axes.put(axisNames.get(k), f.get(2 + k));
        }
        int o = 2 + n;
        return new ResultRow(
                f.get(0),
                Long.parseLong(f.get(1)),
                axes,
                f.get(o),
                Double.parseDouble(f.get(o + 1)),
                Double.parseDouble(f.get(o + 2)),
                Double.parseDouble(f.get(o + 3)),
                Double.parseDouble(f.get(o + 4)),
                Long.parseLong(f.get(o + 5)),
                Long.parseLong(f.get(o + 6)),
                f.get(o + 7));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
