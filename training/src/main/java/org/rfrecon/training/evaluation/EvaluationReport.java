package org.rfrecon.training.evaluation;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.datasets.io.AtomicFiles;
import org.rfrecon.datasets.render.Figure;
import org.rfrecon.datasets.render.Panel;
import org.rfrecon.training.metric.Quality;

/**
 * The result of an {@link Evaluation}: one row per method (mean and standard deviation over scenes
 * of NMSE, PSNR and SSIM, and the seconds per scene), the best row of each solver family when a
 * sweep ran several settings, and the figure grid. {@link #write} puts {@code results.md}, {@code
 * results.csv}, {@code results.json} and {@code grid.png} into a directory, all or nothing.
 *
 * @param geometry the scenes' geometry
 * @param sceneIds where each scene came from
 * @param rows one result per method, in the order the methods were added
 * @param families the family of each row ({@link ReconMethod#family})
 * @param truth the figure's truth panels (one per figure scene, normalised to peak 1)
 * @param figure per row, the figure's panels of that method (normalised by each truth's peak)
 */
public record EvaluationReport(
        Geometry geometry,
        List<String> sceneIds,
        List<MethodResult> rows,
        List<String> families,
        List<Panel> truth,
        List<List<Panel>> figure) {

    /** What NMSE dB means, printed under every table. */
    public static final String NMSE_NOTE =
            "NMSE = 10 log10(||xhat - x||^2 / ||x||^2): 0 dB is no better than an all-zero image,"
                    + " -10 dB leaves 10% of the energy as error, -20 dB 1%.";

    /** Copies the lists. */
    public EvaluationReport {
        sceneIds = List.copyOf(sceneIds);
        rows = List.copyOf(rows);
        families = List.copyOf(families);
        truth = List.copyOf(truth);
        figure = figure.stream().map(List::copyOf).toList();
    }

    /** The row of a method by name. */
    public MethodResult row(String method) {
        return rows.stream()
                .filter(r -> r.method().equals(method))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row '" + method + "'"));
    }

    /**
     * The best row (lowest mean NMSE) of each family that has more than one row, by family, in the
     * order families first appear.
     */
    public Map<String, MethodResult> bestOfFamilies() {
        Map<String, MethodResult> best = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String f : families) {
            counts.merge(f, 1, Integer::sum);
        }
        for (int i = 0; i < rows.size(); i++) {
            String f = families.get(i);
            if (counts.get(f) < 2) {
                continue;
            }
            MethodResult r = rows.get(i);
            MethodResult b = best.get(f);
            if (b == null || r.mean().nmseDb() < b.mean().nmseDb()) {
                best.put(f, r);
            }
        }
        return best;
    }

    /** The table in Markdown, with the best-of-sweep table and the NMSE note. */
    public String markdown() {
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        Locale.ROOT,
                        "Held-out evaluation: %d scenes of %s.%n%n",
                        sceneIds.size(),
                        geometry.preset()));
        b.append("| method | NMSE (dB) | PSNR (dB) | SSIM | seconds per scene |\n");
        b.append("|---|---:|---:|---:|---:|\n");
        for (MethodResult r : rows) {
            b.append(line(r));
        }
        Map<String, MethodResult> best = bestOfFamilies();
        if (!best.isEmpty()) {
            b.append("\nBest setting of each swept solver (lowest mean NMSE):\n\n");
            b.append("| solver | best row | NMSE (dB) | PSNR (dB) | SSIM | seconds per scene |\n");
            b.append("|---|---|---:|---:|---:|---:|\n");
            for (Map.Entry<String, MethodResult> e : best.entrySet()) {
                b.append("| ").append(e.getKey()).append(' ').append(line(e.getValue()));
            }
        }
        b.append("\nMean ± standard deviation over scenes. ").append(NMSE_NOTE).append('\n');
        return b.toString();
    }

    private static String line(MethodResult r) {
        Quality m = r.mean();
        Quality s = r.std();
        return String.format(
                Locale.ROOT,
                "| %s | %.2f ± %.2f | %.2f ± %.2f | %.3f ± %.3f | %.4f ± %.4f |%n",
                r.method(),
                m.nmseDb(),
                s.nmseDb(),
                m.psnr(),
                s.psnr(),
                m.ssim(),
                s.ssim(),
                r.meanSeconds(),
                r.stdSeconds());
    }

    /** One CSV row per method and scene: method, family, scene, nmse_db, psnr, ssim, seconds. */
    public String csv() {
        StringBuilder b = new StringBuilder("method,family,scene,nmse_db,psnr,ssim,seconds\n");
        for (int i = 0; i < rows.size(); i++) {
            MethodResult r = rows.get(i);
            for (int k = 0; k < r.scenes(); k++) {
                Quality q = r.perScene().get(k);
                b.append(
                        String.format(
                                Locale.ROOT,
                                "%s,%s,%s,%.6f,%.6f,%.6f,%.6f%n",
                                quote(r.method()),
                                quote(families.get(i)),
                                quote(sceneIds.get(k)),
                                q.nmseDb(),
                                q.psnr(),
                                q.ssim(),
                                r.seconds()[k]));
            }
        }
        return b.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** The report as JSON: scenes, per-method mean/std/per-scene values, best of families. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("preset", geometry.preset());
        o.addProperty("scenes", sceneIds.size());
        JsonArray ids = new JsonArray();
        sceneIds.forEach(ids::add);
        o.add("scene_ids", ids);
        JsonArray methods = new JsonArray();
        for (int i = 0; i < rows.size(); i++) {
            MethodResult r = rows.get(i);
            JsonObject m = new JsonObject();
            m.addProperty("method", r.method());
            m.addProperty("family", families.get(i));
            m.add("mean", json(r.mean()));
            m.add("std", json(r.std()));
            m.addProperty("seconds_per_scene", r.meanSeconds());
            m.addProperty("seconds_std", r.stdSeconds());
            JsonArray per = new JsonArray();
            for (Quality q : r.perScene()) {
                per.add(json(q));
            }
            m.add("per_scene", per);
            methods.add(m);
        }
        o.add("methods", methods);
        JsonObject best = new JsonObject();
        bestOfFamilies().forEach((f, r) -> best.addProperty(f, r.method()));
        o.add("best_of_sweep", best);
        o.addProperty("note", NMSE_NOTE);
        return o;
    }

    private static JsonObject json(Quality q) {
        JsonObject o = new JsonObject();
        o.addProperty("nmse_db", q.nmseDb());
        o.addProperty("psnr", q.psnr());
        o.addProperty("ssim", q.ssim());
        return o;
    }

    /**
     * The figure grid: one row per figure scene, truth first and then each method, every panel of a
     * row on the truth's colour scale (dB below the truth's peak).
     */
    public Figure grid() {
        Figure.Builder f =
                Figure.builder()
                        .optTitle(
                                geometry.preset()
                                        + ": truth and each method, dB below the truth's peak")
                        .optSharedScale(true)
                        .optPanelSize(160)
                        .optColumns(1 + rows.size());
        for (int s = 0; s < truth.size(); s++) {
            f.addPanel(truth.get(s));
            for (List<Panel> p : figure) {
                f.addPanel(p.get(s));
            }
        }
        return f.build();
    }

    /**
     * Writes {@code results.md}, {@code results.csv}, {@code results.json} and (when the figure has
     * scenes) {@code grid.png} into {@code dir}, atomically: a failure leaves no partial directory.
     */
    public void write(Path dir) throws IOException {
        AtomicFiles.writeDirectory(
                dir,
                tmp -> {
                    AtomicFiles.write(
                            tmp.resolve("results.md"), markdown().getBytes(StandardCharsets.UTF_8));
                    AtomicFiles.write(
                            tmp.resolve("results.csv"), csv().getBytes(StandardCharsets.UTF_8));
                    String json =
                            new GsonBuilder().setPrettyPrinting().create().toJson(toJson()) + "\n";
                    AtomicFiles.write(
                            tmp.resolve("results.json"), json.getBytes(StandardCharsets.UTF_8));
                    if (!truth.isEmpty()) {
                        grid().write(tmp.resolve("grid.png"));
                    }
                });
    }
}
