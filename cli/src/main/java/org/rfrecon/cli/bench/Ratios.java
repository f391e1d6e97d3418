package org.rfrecon.cli.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The ratios of one bench run, each from two rows measured side by side in that run. */
final class Ratios {

    private Ratios() {}

    /**
     * {@code kron_vs_dense} (dense time over Kronecker time), {@code batched_vs_loop} (loop time
     * over batched time), {@code roofline_fraction} (the batched forward's GFLOP/s over the float32
     * matmul peak's), and, where measured, the adjoint and precision counterparts.
     */
    static Map<String, Double> of(List<BenchRow> rows, String prefix) {
        Map<String, Double> r = new LinkedHashMap<>();
        time(r, "kron_vs_dense", rows, "dense-forward", "kron-forward");
        time(r, "kron_vs_dense_adjoint", rows, "dense-adjoint", "kron-adjoint");
        time(r, "batched_vs_loop", rows, "loop-forward", "kron-forward");
        rate(r, "roofline_fraction", rows, prefix + "-forward", "matmul-peak-float32");
        rate(
                r,
                "roofline_fraction_float16",
                rows,
                prefix + "-forward-float16",
                "matmul-peak-float16");
        time(
                r,
                "float32_speedup_over_float64",
                rows,
                prefix + "-forward-float64",
                prefix + "-forward");
        time(
                r,
                "float16_speedup_over_float32",
                rows,
                prefix + "-forward",
                prefix + "-forward-float16");
        rate(r, "admm_roofline_fraction", rows, "admm-200", "matmul-peak-float32");
        time(r, "gauss_speedup_over_four", rows, "complex-matmul-four", "complex-matmul-gauss");
        time(r, "stacked_speedup_over_four", rows, "complex-matmul-four", "complex-matmul-stacked");
        return r;
    }

    /** The name (FOUR, GAUSS or STACKED) of the fastest complex-matmul kernel, or null. */
    static String fastestKernel(List<BenchRow> rows) {
        BenchRow best = null;
        for (BenchRow row : rows) {
            if (row.name().startsWith("complex-matmul-")
                    && (best == null || row.medianMs() < best.medianMs())) {
                best = row;
            }
        }
        return best == null
                ? null
                : best.name()
                        .substring("complex-matmul-".length())
                        .toUpperCase(java.util.Locale.ROOT);
    }

    private static void time(
            Map<String, Double> r, String key, List<BenchRow> rows, String slow, String fast) {
        ratio(r, key, find(rows, slow), find(rows, fast), BenchRow::medianMs);
    }

    private static void rate(
            Map<String, Double> r, String key, List<BenchRow> rows, String num, String den) {
        ratio(r, key, find(rows, num), find(rows, den), BenchRow::gflops);
    }

    /** Puts {@code of(a) / of(b)} under {@code key} when both rows were measured. */
    private static void ratio(
            Map<String, Double> r,
            String key,
            BenchRow a,
            BenchRow b,
            java.util.function.ToDoubleFunction<BenchRow> of) {
        if (a != null && b != null) {
            r.put(key, of.applyAsDouble(a) / of.applyAsDouble(b));
        }
    }

    private static BenchRow find(List<BenchRow> rows, String name) {
        for (BenchRow row : rows) {
            if (row.name().equals(name)) {
                return row;
            }
        }
        return null;
    }
}
