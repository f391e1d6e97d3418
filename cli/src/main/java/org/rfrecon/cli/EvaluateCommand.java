package org.rfrecon.cli;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.ZooModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.jobs.DatasetInference;
import org.rfrecon.jobs.ModelLoading;
import org.rfrecon.models.Measurements;
import org.rfrecon.models.Reconstruction;
import org.rfrecon.training.evaluation.ClassicalMethods;
import org.rfrecon.training.evaluation.Evaluation;
import org.rfrecon.training.evaluation.EvaluationReport;
import org.rfrecon.training.evaluation.HeldOutScene;
import org.rfrecon.training.evaluation.HeldOutScenes;
import org.rfrecon.training.evaluation.ReconMethod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rfrecon evaluate}: classical solvers and trained networks on the same held-out scenes, one
 * table (SPEC §4). The evaluation itself is {@link Evaluation}; this command maps flags to methods
 * and prints the Markdown table.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description =
                "Compares classical solvers and trained networks on held-out scenes: NMSE, PSNR,"
                        + " SSIM (mean and std) and time per scene, as Markdown, CSV, JSON and a"
                        + " figure grid.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(
            names = "--input",
            required = true,
            split = ",",
            arity = "1..*",
            description = "dataset directories and/or simulation files (one geometry)")
    List<Path> inputs;

    @Option(
            names = "--models",
            split = ",",
            description = "model directories or zoo:NAME, comma-separated")
    List<String> models = new ArrayList<>();

    @Option(
            names = "--methods",
            split = ",",
            defaultValue = "backprojection,cg,fista-l1,admm-l1,admm-tv",
            description =
                    "classical methods: backprojection, cg, fista-l1, admm-l1, admm-tv, or none"
                            + " (default ${DEFAULT-VALUE})")
    List<String> methods;

    @Option(
            names = "--iters",
            defaultValue = "200",
            description = "iteration cap of the classical solvers (default ${DEFAULT-VALUE})")
    int iters;

    @Option(
            names = "--sweep",
            description =
                    "also run every solver with lambda fractions 0.005, 0.01, 0.02, 0.05, 0.1, 0.2"
                            + " and report the best")
    boolean sweep;

    @Option(
            names = "--lambdas",
            split = ",",
            paramLabel = "<fraction>",
            description =
                    "the lambda fractions of the sweep instead of --sweep's, comma-separated"
                            + " (implies --sweep)")
    List<Double> lambdas;

    @Option(
            names = "--figure-scenes",
            defaultValue = "3",
            description = "scenes shown in grid.png (default ${DEFAULT-VALUE})")
    int figureScenes;

    @Mixin DeviceOption device;

    @Option(
            names = "--out",
            required = true,
            description = "directory for results.md, .csv, .json and grid.png")
    Path out;

    @Override
    public Integer call() throws IOException {
        List<ClassicalMethods.Kind> kinds = kinds();
        checkArguments();
        Device dev = device.resolve();
        List<HeldOutScene> scenes = HeldOutScenes.read(inputs);
        List<ZooModel<Measurements, Reconstruction>> loaded = new ArrayList<>();
        List<Predictor<Measurements, Reconstruction>> predictors = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager(dev)) {
            Evaluation.Builder b = Evaluation.builder().setScenes(scenes);
            for (ClassicalMethods.Kind k : kinds) {
                b.addMethod(ClassicalMethods.of(k, k.defaultLambda(), iters));
                if (k.hasLambda()) {
                    for (double l : sweepGrid()) {
                        if (l != k.defaultLambda()) {
                            b.addMethod(ClassicalMethods.of(k, l, iters));
                        }
                    }
                }
            }
            for (String spec : models) {
                ZooModel<Measurements, Reconstruction> zoo = ModelLoading.load(spec, dev);
                loaded.add(zoo);
                Predictor<Measurements, Reconstruction> p = zoo.newPredictor();
                predictors.add(p);
                DatasetInference.predict(
                        p, new Measurements(scenes.get(0).geometry(), scenes.get(0).y()));
                b.addMethod(network(spec, p));
            }
            int total = kinds.size() + models.size();
            System.out.printf(
                    Locale.ROOT,
                    "evaluating %d method rows%s on %d scenes of %s%n",
                    total,
                    sweepGrid().length > 0 ? " (and their lambda sweeps)" : "",
                    scenes.size(),
                    scenes.get(0).geometry().preset());
            EvaluationReport report =
                    b.optFigureScenes(figureScenes)
                            .optListener(
                                    (method, i, n, q, s) -> {
                                        if (i == n - 1) {
                                            System.out.printf(
                                                    Locale.ROOT,
                                                    "  %s done (last scene %.2f dB, %.3f s)%n",
                                                    method.name(),
                                                    q.nmseDb(),
                                                    s);
                                        }
                                    })
                            .build()
                            .run(m);
            report.write(out);
            System.out.print(report.markdown());
            System.out.println("wrote " + out);
        } finally {
            predictors.forEach(Predictor::close);
            loaded.forEach(ZooModel::close);
        }
        return 0;
    }

    /** A model's predictor as an evaluation method (the same call {@code infer} makes). */
    private static ReconMethod network(String spec, Predictor<Measurements, Reconstruction> p) {
        return new ReconMethod() {
            @Override
            public String name() {
                return spec;
            }

            @Override
            public ComplexTensor reconstruct(HeldOutScene scene, NDManager manager) {
                Reconstruction r =
                        DatasetInference.predict(p, new Measurements(scene.geometry(), scene.y()));
                return r.x().toComplexTensor(manager);
            }
        };
    }

    private List<ClassicalMethods.Kind> kinds() {
        List<ClassicalMethods.Kind> kinds = new ArrayList<>();
        for (String s : methods) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.equals("none")) {
                continue;
            }
            if (t.equals("fista")) {
                t = "fista-l1";
            }
            try {
                kinds.add(ClassicalMethods.Kind.byId(t));
            } catch (IllegalArgumentException e) {
                throw new CliErrors.UserError("--methods: " + e.getMessage());
            }
        }
        return kinds;
    }

    /**
     * The sweep's lambda fractions: {@code --lambdas}, else {@link ClassicalMethods#SWEEP} with
     * {@code --sweep}, else none.
     */
    private double[] sweepGrid() {
        if (lambdas != null) {
            return lambdas.stream().mapToDouble(Double::doubleValue).distinct().toArray();
        }
        return sweep ? ClassicalMethods.SWEEP : new double[0];
    }

    private void checkArguments() {
        if (iters < 1) {
            throw new CliErrors.UserError("--iters must be at least 1, got " + iters);
        }
        if (lambdas != null) {
            for (double l : lambdas) {
                if (!(l > 0) || Double.isInfinite(l)) {
                    throw new CliErrors.UserError(
                            "--lambdas: every fraction must be positive and finite, got " + l);
                }
            }
        }
        if (figureScenes < 0) {
            throw new CliErrors.UserError("--figure-scenes must be >= 0, got " + figureScenes);
        }
        if (kinds().isEmpty() && models.isEmpty()) {
            throw new CliErrors.UserError("nothing to evaluate: give --methods or --models");
        }
        for (Path in : inputs) {
            if (!Files.exists(in)) {
                throw new CliErrors.UserError("--input " + in + ": no such file or directory");
            }
            if (in.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw new CliErrors.UserError("--out " + out + " is an input; choose another");
            }
        }
        if (Files.isRegularFile(out)) {
            throw new CliErrors.UserError("--out " + out + " is a file; give a directory");
        }
    }
}
