package org.rfrecon.cli.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of one {@code rfrecon bench} run: the rows in the order measured, the ratios derived
 * from them in the same run, and which complex-matmul kernel won.
 *
 * @param preset the preset name
 * @param device "cpu" or "gpu"
 * @param deviceName the device's product name
 * @param dtype the operators' dtype for the main rows
 * @param rows the measured cases
 * @param ratios named ratios (kron_vs_dense, batched_vs_loop, roofline_fraction, ...)
 * @param fastestKernel the fastest of FOUR, GAUSS, STACKED in this run, or null
 */
public record BenchReport(
        String preset,
        String device,
        String deviceName,
        String dtype,
        List<BenchRow> rows,
        Map<String, Double> ratios,
        String fastestKernel) {

    /** The report as one JSON object (SPEC §4, issue 10). */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("preset", preset);
        JsonObject d = new JsonObject();
        d.addProperty("kind", device);
        d.addProperty("name", deviceName);
        o.add("device", d);
        o.addProperty("dtype", dtype);
        JsonArray a = new JsonArray();
        rows.forEach(r -> a.add(r.toJson()));
        o.add("rows", a);
        JsonObject r = new JsonObject();
        ratios.forEach(r::addProperty);
        o.add("ratios", r);
        if (fastestKernel != null) {
            o.addProperty("complex_matmul_fastest", fastestKernel);
        }
        return o;
    }

    /** Pretty-printed JSON text. */
    public String toJsonText() {
        return new GsonBuilder().setPrettyPrinting().create().toJson(toJson());
    }

    /** The on-screen table. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "bench %s on %s (%s)%n", preset, device, deviceName));
        b.append(
                String.format(
                        Locale.ROOT,
                        "%-28s %12s %12s %10s %12s %9s%n",
                        "case",
                        "median ms",
                        "GFLOP",
                        "GFLOP/s",
                        "peak MB",
                        "NMSE dB"));
        for (BenchRow r : rows) {
            b.append(
                    String.format(
                            Locale.ROOT,
                            "%-28s %12.4f %12.4f %10.2f %11.1f%s %9s",
                            r.name(),
                            r.medianMs(),
                            r.flop() / 1e9,
                            r.gflops(),
                            r.bytesPeak() / 1e6,
                            r.bytesMeasured() ? "m" : "c",
                            Double.isNaN(r.nmseDb())
                                    ? ""
                                    : String.format(Locale.ROOT, "%.1f", r.nmseDb())));
            if (r.bytesAllocatedPeak() >= 0) {
                b.append(
                        String.format(
                                Locale.ROOT, "  allocated %.1f MB", r.bytesAllocatedPeak() / 1e6));
            }
            b.append(System.lineSeparator());
        }
        b.append("(peak MB: m = measured device memory, c = counted from shapes)\n");
        ratios.forEach((k, v) -> b.append(String.format(Locale.ROOT, "%-28s %12.4g%n", k, v)));
        if (fastestKernel != null) {
            b.append(
                    String.format(
                            Locale.ROOT, "%-28s %12s%n", "complex_matmul_fastest", fastestKernel));
        }
        return b.toString();
    }
}
