package org.rfrecon.cli;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.repository.zoo.ZooModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.operator.ModelMismatch;
import org.rfrecon.core.operator.Operators;
import org.rfrecon.core.prox.SoftThreshold;
import org.rfrecon.core.solver.Backprojection;
import org.rfrecon.core.solver.Method;
import org.rfrecon.core.solver.PowerIteration;
import org.rfrecon.core.solver.SolverDefaults;
import org.rfrecon.datasets.io.AtomicFiles;
import org.rfrecon.datasets.io.OutputSet;
import org.rfrecon.datasets.npy.HostArray;
import org.rfrecon.datasets.render.Figure;
import org.rfrecon.datasets.render.Panels;
import org.rfrecon.datasets.scene.SceneKind;
import org.rfrecon.datasets.sim.Simulation;
import org.rfrecon.datasets.sim.Simulator;
import org.rfrecon.jobs.DatasetInference;
import org.rfrecon.jobs.ModelLoading;
import org.rfrecon.models.Measurements;
import org.rfrecon.models.ModelRepository;
import org.rfrecon.models.Reconstruction;
import org.rfrecon.training.QualityMetrics;
import org.rfrecon.training.evaluation.EvaluationReport;
import org.rfrecon.training.metric.SpecQualityMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rfrecon demo}: the end-to-end run on embedded defaults. It simulates a small held-out set
 * with exact physics, reconstructs each scene with backprojection, ADMM-l1 and the bundled unrolled
 * model, prints a metrics table and writes {@code rfrecon-demo/report.md} with a figure (truth |
 * backprojection | ADMM | unrolled, magnitude in dB).
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "The default end-to-end run: simulate, reconstruct three ways, report.")
final class DemoCommand implements Callable<Integer> {

    /** The bundled model the demo uses. */
    static final String MODEL = "unrolled-small";

    @Option(names = "--out", defaultValue = "rfrecon-demo", description = "report directory")
    Path out;

    @Option(
            names = "--count",
            defaultValue = "3",
            description = "held-out scenes, 1..1000 (default ${DEFAULT-VALUE})")
    int count;

    @Option(
            names = "--admm-iters",
            defaultValue = "200",
            description = "ADMM iteration cap (default ${DEFAULT-VALUE}, as rfrecon reconstruct)")
    int admmIterations;

    @Override
    public Integer call() throws IOException {
        if (count < 1 || count > 1000) {
            throw new CliErrors.UserError("--count must be 1..1000 scenes, got " + count);
        }
        if (admmIterations < 1) {
            throw new CliErrors.UserError("--admm-iters must be at least 1, got " + admmIterations);
        }
        try (OutputSet outputs = OutputSet.create()) {
            Path figure = outputs.file(out.resolve("figure.png"));
            Path report = outputs.file(out.resolve("report.md"));
            run(figure, report);
            outputs.commit();
        }
        System.out.printf(Locale.ROOT, "report: %s (%.0f s)%n", out.resolve("report.md"), total);
        return 0;
    }

    /** Seconds the whole run took, for the report. */
    private double total;

    private void run(Path figure, Path reportFile) throws IOException {
        long start = System.nanoTime();
        Geometry g = Preset.SMALL.geometry();
        System.out.println(g.summary());
        QualityMetrics metrics = new SpecQualityMetrics();
        Map<String, double[]> sums = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            System.out.printf(
                    Locale.ROOT,
                    "Fresnel vs exact model mismatch on small: %.1f dB%n",
                    ModelMismatch.fresnelVsExactDb(g, m, new java.util.Random(1)));
            LinearOperator op = Operators.fresnel(g, m, DataType.FLOAT32);
            double lmax = PowerIteration.largestEigenvalue(op, m);
            Simulator sim = Simulator.exact(g, m, SceneKind.MIXED, 424242); // the default family
            ZooModel<Measurements, Reconstruction> model = null;
            Predictor<Measurements, Reconstruction> predictor = null;
            if (ModelRepository.discover().containsKey(MODEL)) {
                model = ModelLoading.load("zoo:" + MODEL, Device.cpu());
                predictor = model.newPredictor();
            } else {
                skipped.add("the unrolled model (no '" + MODEL + "' in the zoo)");
            }
            try (Progress bar = Progress.start("demo", count)) {
                for (int i = 0; i < count; i++) {
                    try (NDManager s = m.newSubManager()) {
                        Simulation data = sim.simulate(s, i);
                        ComplexTensor truth = data.scene();
                        ComplexTensor y = data.y();
                        Map<String, ComplexTensor> recon = new LinkedHashMap<>();
                        long t0 = System.nanoTime();
                        recon.put("backprojection", Backprojection.apply(op, y));
                        long t1 = System.nanoTime();
                        double lambda =
                                SolverDefaults.recipe(Method.ADMM).lambda().absolute(op, y, lmax);
                        recon.put(
                                admmName(),
                                SolverDefaults.admm(
                                                op,
                                                new SoftThreshold(lambda),
                                                lmax,
                                                null,
                                                admmIterations)
                                        .solve(y));
                        long t2 = System.nanoTime();
                        add(seconds, "backprojection", (t1 - t0) / 1e9);
                        add(seconds, admmName(), (t2 - t1) / 1e9);
                        if (predictor != null) {
                            Reconstruction r =
                                    DatasetInference.predict(
                                            predictor,
                                            new Measurements(g, HostArray.fromComplexTensor(y)));
                            add(seconds, "unrolled (bundled)", (System.nanoTime() - t2) / 1e9);
                            recon.put("unrolled (bundled)", r.x().toComplexTensor(s));
                        }
                        for (Map.Entry<String, ComplexTensor> e : recon.entrySet()) {
                            double[] q =
                                    metrics.evaluate(
                                            DatasetInference.batch(truth),
                                            DatasetInference.batch(e.getValue()));
                            double[] acc = sums.computeIfAbsent(e.getKey(), k -> new double[3]);
                            for (int k = 0; k < 3; k++) {
                                acc[k] += q[k] / count;
                            }
                        }
                        if (i == 0) {
                            Figure.Builder f =
                                    Figure.builder().addPanels(Panels.of("truth", truth));
                            recon.forEach((name, x) -> f.addPanels(Panels.of(name, x)));
                            f.build().write(figure);
                        }
                    }
                    bar.update(i + 1);
                }
            } finally {
                if (predictor != null) {
                    predictor.close();
                    model.close();
                }
            }
        }
        String table = table(sums, seconds, count);
        System.out.print(table);
        total = (System.nanoTime() - start) / 1e9;
        writeReport(reportFile, table, skipped, total);
        for (String s : skipped) {
            System.out.println("skipped: " + s);
        }
    }

    /** The ADMM row's name: the solver of {@code rfrecon reconstruct --method admm}. */
    private String admmName() {
        return "ADMM-l1 (<= " + admmIterations + " it.)";
    }

    private static void add(Map<String, Double> m, String k, double v) {
        m.merge(k, v, Double::sum);
    }

    private static String table(Map<String, double[]> sums, Map<String, Double> seconds, int n) {
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        Locale.ROOT,
                        "| %-22s | %9s | %8s | %6s | %9s |%n",
                        "method",
                        "NMSE (dB)",
                        "PSNR",
                        "SSIM",
                        "time (s)"));
        b.append("|------------------------|-----------|----------|--------|-----------|\n");
        sums.forEach(
                (name, q) ->
                        b.append(
                                String.format(
                                        Locale.ROOT,
                                        "| %-22s | %9.2f | %8.2f | %6.3f | %9.3f |%n",
                                        name,
                                        q[0],
                                        q[1],
                                        q[2],
                                        seconds.getOrDefault(name, 0.0) / n)));
        return b.toString();
    }

    private void writeReport(Path file, String table, List<String> skipped, double total)
            throws IOException {
        StringBuilder r = new StringBuilder("# rfrecon demo\n\n");
        r.append("Held-out set: ")
                .append(count)
                .append(" mixed scenes (shapes and points) on the `small` preset (64 x 64 pixels,")
                .append(
                        " 6 Tx-Rx pairs, 16 subcarriers, 16 x 16 arrays), simulated with **exact spherical-wave")
                .append(
                        " physics** at 30 dB SNR (seed 424242); every method uses the fast Fresnel operator,")
                .append(" so the model error of docs/physics.md is part of the result.\n\n");
        r.append(table).append('\n');
        r.append(
                        "Metrics as docs/solvers.md (Metrics) defines them (NMSE over complex values; PSNR and SSIM on magnitudes scaled by the")
                .append(" truth's peak), means over the set; times per scene on this machine. ")
                .append(EvaluationReport.NMSE_NOTE)
                .append("\n\n");
        r.append("![truth | backprojection | ADMM | unrolled](figure.png)\n\n");
        r.append("The first scene, magnitude in dB (40 dB range). Total run time ")
                .append(String.format(Locale.ROOT, "%.0f s.%n", total));
        for (String s : skipped) {
            r.append("\nSkipped: ").append(s).append('\n');
        }
        AtomicFiles.write(file, r.toString().getBytes(StandardCharsets.UTF_8));
    }
}
