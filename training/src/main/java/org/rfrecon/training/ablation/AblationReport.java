package org.rfrecon.training.ablation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.rfrecon.datasets.io.AtomicFiles;
import org.rfrecon.datasets.render.BarPlot;
import org.rfrecon.datasets.render.LinePlot;
import org.rfrecon.training.metric.Spread;

/**
 * Writes the human side of an ablation: {@code results.md} (variants sorted by mean NMSE, mean and
 * standard deviation over seeds, the classical baselines beside them) and the PNG plots: NMSE
 * against the number of stages K (one line per value of the other axes, when K is an axis), and
 * bars of training time and peak step memory per variant, labelled with the variants' names in the
 * order of results.md. Peak memory is measured as {@code rfrecon bench} measures it (the median
 * step after the first; see {@code ReconTrainer.peakStepBytes}).
 */
public final class AblationReport {

    private AblationReport() {}

    /**
     * The summary of one variant over its seeds.
     *
     * @param variant the variant id
     * @param axes its axis values
     * @param ok how many seeds completed
     * @param failed how many seeds failed
     * @param nmse mean and standard deviation of NMSE (dB)
     * @param psnr mean and standard deviation of PSNR
     * @param ssim mean and standard deviation of SSIM
     * @param seconds mean training time
     * @param parameters learned scalars
     * @param peakBytes largest peak memory over seeds
     * @param error the first error of a failed seed, or ""
     */
    public record Summary(
            String variant,
            Map<String, String> axes,
            int ok,
            int failed,
            Spread nmse,
            Spread psnr,
            Spread ssim,
            double seconds,
            long parameters,
            long peakBytes,
            String error) {}

    /** Summaries of the rows, sorted by mean NMSE (failed-only variants last). */
    public static List<Summary> summarize(List<ResultRow> rows) {
        Map<String, List<ResultRow>> byVariant = new LinkedHashMap<>();
        rows.forEach(r -> byVariant.computeIfAbsent(r.variant(), k -> new ArrayList<>()).add(r));
        List<Summary> out = new ArrayList<>();
        for (List<ResultRow> rs : byVariant.values()) {
            List<ResultRow> ok = rs.stream().filter(ResultRow::ok).toList();
            String error =
                    rs.stream().filter(r -> !r.ok()).map(ResultRow::error).findFirst().orElse("");
            out.add(
                    new Summary(
                            rs.get(0).variant(),
                            rs.get(0).axes(),
                            ok.size(),
                            rs.size() - ok.size(),
                            Spread.of(ok.stream().mapToDouble(ResultRow::nmseDb).toArray()),
                            Spread.of(ok.stream().mapToDouble(ResultRow::psnr).toArray()),
                            Spread.of(ok.stream().mapToDouble(ResultRow::ssim).toArray()),
                            Spread.of(ok.stream().mapToDouble(ResultRow::trainSeconds).toArray())
                                    .mean(),
                            ok.stream().mapToLong(ResultRow::parameters).max().orElse(0),
                            ok.stream().mapToLong(ResultRow::peakBytes).max().orElse(0),
                            error));
        }
        out.sort(
                Comparator.comparingDouble(
                        (Summary s) ->
                                Double.isNaN(s.nmse().mean())
                                        ? Double.MAX_VALUE
                                        : s.nmse().mean()));
        return out;
    }

    /** Writes results.md and the plots into {@code out}. */
    public static void write(
            Path out,
            AblationConfig config,
            List<ResultRow> rows,
            List<VariantRunner.BaselineRow> baselines)
            throws IOException {
        List<Summary> summaries = summarize(rows);
        AtomicFiles.write(
                out.resolve("results.md"),
                markdown(config, summaries, baselines).getBytes(StandardCharsets.UTF_8));
        plotAgainstStages(out, config, summaries);
        plotPerVariant(out, summaries);
    }

    static String markdown(
            AblationConfig config,
            List<Summary> summaries,
            List<VariantRunner.BaselineRow> baselines) {
        StringBuilder b = new StringBuilder("# Ablation results\n\n");
        b.append(
                String.format(
                        Locale.ROOT,
                        "Preset `%s`, %d seeds %s, held-out set of %d scenes, %d epochs per run."
                                + " Mean ± standard deviation over seeds; sorted by NMSE (lower is"
                                + " better).%n%n",
                        config.base().data().preset().id(),
                        config.seeds().size(),
                        config.seeds(),
                        config.evalCount(),
                        config.base().optimisation().epochs()));
        b.append(
                "| rank | variant | seeds ok | NMSE (dB) | PSNR (dB) | SSIM | train (s) | parameters | peak memory (MB) |\n");
        b.append("|---|---|---|---|---|---|---|---|---|\n");
        int rank = 1;
        for (Summary s : summaries) {
            b.append(
                    String.format(
                            Locale.ROOT,
                            "| %d | %s | %d/%d | %s | %s | %s | %.1f | %d | %.1f |%n",
                            rank++,
                            s.variant(),
                            s.ok(),
                            s.ok() + s.failed(),
                            pm(s.nmse(), 2),
                            pm(s.psnr(), 2),
                            pm(s.ssim(), 3),
                            s.seconds(),
                            s.parameters(),
                            s.peakBytes() / 1e6));
        }
        for (VariantRunner.BaselineRow r : baselines) {
            b.append(
                    String.format(
                            Locale.ROOT,
                            "| - | baseline: %s | - | %.2f | %.2f | %.3f | - | 0 | - |%n",
                            r.method(),
                            r.nmseDb(),
                            r.psnr(),
                            r.ssim()));
        }
        List<Summary> failed = summaries.stream().filter(s -> s.failed() > 0).toList();
        if (!failed.isEmpty()) {
            b.append("\n## Failures\n\n");
            failed.forEach(
                    s ->
                            b.append("- `")
                                    .append(s.variant())
                                    .append("`: ")
                                    .append(s.error())
                                    .append('\n'));
        }
        b.append(
                "\nPlots: `plot-nmse-vs-stages.png` (when K is an axis), `plot-time.png`, `plot-memory.png`.\n");
        return b.toString();
    }

    private static void plotAgainstStages(Path out, AblationConfig config, List<Summary> summaries)
            throws IOException {
        if (!config.axes().containsKey("stages")) {
            return;
        }
        Map<String, TreeMap<Double, Double>> lines = new TreeMap<>();
        for (Summary s : summaries) {
            if (s.ok() == 0) {
                continue;
            }
            StringBuilder rest = new StringBuilder();
            s.axes()
                    .forEach(
                            (k, v) -> {
                                if (!k.equals("stages")) {
                                    rest.append(rest.length() == 0 ? "" : ",")
                                            .append(k)
                                            .append('=')
                                            .append(v);
                                }
                            });
            String name = rest.length() == 0 ? "all" : rest.toString();
            lines.computeIfAbsent(name, k -> new TreeMap<>())
                    .put(Double.parseDouble(s.axes().get("stages")), s.nmse().mean());
        }
        LinePlot.Builder p =
                LinePlot.builder()
                        .optTitle("held-out NMSE against stages K")
                        .optXLabel("stages K")
                        .optYLabel("NMSE (dB)");
        lines.forEach(
                (name, pts) ->
                        p.addSeries(
                                name,
                                pts.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                                pts.values().stream().mapToDouble(Double::doubleValue).toArray()));
        if (!lines.isEmpty()) {
            p.build().write(out.resolve("plot-nmse-vs-stages.png"));
        }
    }

    private static void plotPerVariant(Path out, List<Summary> summaries) throws IOException {
        List<Summary> ok = summaries.stream().filter(s -> s.ok() > 0).toList();
        if (ok.isEmpty()) {
            return;
        }
        BarPlot.Builder time =
                BarPlot.builder()
                        .optTitle("training time per variant (mean over seeds)")
                        .optValueLabel("seconds");
        BarPlot.Builder memory =
                BarPlot.builder()
                        .optTitle("peak memory of a training step per variant")
                        .optValueLabel("MB (median step after the first, largest over seeds)");
        for (Summary s : ok) {
            time.addBar(s.variant(), s.seconds());
            memory.addBar(s.variant(), s.peakBytes() / 1e6);
        }
        time.build().write(out.resolve("plot-time.png"));
        memory.build().write(out.resolve("plot-memory.png"));
    }

    private static String pm(Spread ms, int digits) {
        if (Double.isNaN(ms.mean())) {
            return "-";
        }
        String f = "%." + digits + "f ± %." + digits + "f";
        return String.format(Locale.ROOT, f, ms.mean(), ms.std());
    }
}
