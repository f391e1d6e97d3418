package org.rfrecon.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.SensingFactors;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.operator.PairSharded;
import org.rfrecon.core.physics.SensingModel;
import org.rfrecon.core.prox.Prox;
import org.rfrecon.core.prox.SoftThreshold;
import org.rfrecon.core.prox.TotalVariation;
import org.rfrecon.core.solver.Backprojection;
import org.rfrecon.core.solver.IterationListener;
import org.rfrecon.core.solver.LambdaRule;
import org.rfrecon.core.solver.Method;
import org.rfrecon.core.solver.SolveResult;
import org.rfrecon.core.solver.SolverDefaults;
import org.rfrecon.core.solver.StoppingRule;
import org.rfrecon.core.solver.XStep;
import org.rfrecon.datasets.io.OutputSet;
import org.rfrecon.datasets.npy.HostArray;
import org.rfrecon.datasets.npy.Npz;
import org.rfrecon.datasets.render.Figure;
import org.rfrecon.datasets.render.Panels;
import org.rfrecon.datasets.sim.SimulationData;
import org.rfrecon.datasets.sim.SimulationFile;
import org.rfrecon.training.metric.ImageMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rfrecon reconstruct}: a classical reconstruction of a simulation file (SPEC §4). lambda is
 * a fraction of {@code ||A^H y||_inf} (l1, tv) or of the largest eigenvalue of {@code A^H A} (cg);
 * both the fraction and the absolute value are printed and written. Metrics against the file's
 * ground-truth scene: NMSE (dB), PSNR, SSIM (SPEC §6).
 */
@Command(
        name = "reconstruct",
        mixinStandardHelpOptions = true,
        description =
                "Reconstructs a scene with a classical solver (backprojection, cg, fista, admm).")
final class ReconstructCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, description = "simulation file SIM.npz")
    Path input;

    @Option(names = "--method", required = true, description = "backprojection, cg, fista or admm")
    String method;

    @Option(
            names = "--reg",
            defaultValue = "l1",
            description = "l1 or tv (default ${DEFAULT-VALUE})")
    String reg;

    @Option(
            names = "--lambda",
            description =
                    "fraction of ||A^H y||_inf (l1, tv; default 0.05) or of the largest eigenvalue"
                            + " of A^H A (cg; default 0.01)")
    Double lambda;

    @Option(
            names = "--iters",
            description = "iteration cap (default: the method's recipe, 200 for cg and admm)")
    Integer iters;

    @Mixin DeviceOption device;

    @Option(
            names = "--devices",
            defaultValue = "1",
            description =
                    "N or all: spread the Tx-Rx pairs over the first N devices of the --device"
                            + " kind (default ${DEFAULT-VALUE}; the CPU is one device)")
    String devices;

    @Option(names = "--out", required = true, description = "REC.npz (x and meta)")
    Path out;

    @Option(names = "--png", description = "truth and reconstruction side by side, dB")
    Path png;

    @Mixin JsonOption json;

    @Override
    public Integer call() throws IOException {
        progress = null;
        String meth = method.toLowerCase(Locale.ROOT);
        String r = reg.toLowerCase(Locale.ROOT);
        checkArguments(meth, r);
        List<Device> devs = Flags.devices(device.kind, devices);
        try (OutputSet outputs = OutputSet.create()) {
            outputs.input(input);
            Path outTmp = outputs.file(out);
            Path pngTmp = png == null ? null : outputs.file(png);
            Path jsonTmp = json.path == null ? null : outputs.file(json.path);
            run(meth, r, devs, outTmp, pngTmp, jsonTmp);
            outputs.commit();
        }
        for (Path p : new Path[] {out, png, json.path}) {
            if (p != null) {
                System.out.println("wrote " + p);
            }
        }
        return 0;
    }

    private void run(
            String meth, String r, List<Device> devs, Path outTmp, Path pngTmp, Path jsonTmp)
            throws IOException {
        SimulationData data = SimulationFile.readConsistent(input); // the file is the model
        Geometry g = data.geometry();
        JsonObject report = new JsonObject();
        report.addProperty("command", "reconstruct");
        report.addProperty("input", input.toString());
        report.addProperty("method", meth);
        try (NDManager m = NDManager.newBaseManager(devs.get(0));
                SensingModel model = model(data, devs, m)) {
            ComplexTensor y = data.yTensor(m);
            ComplexTensor truth0 = data.sceneTensor(m);
            DataType dt = y.getDataType();
            if (y.hasNonFinite()) {
                throw new CliErrors.UserError(
                        input + ": key 'y' holds NaN or Inf; expected finite");
            }
            LinearOperator op = model.operator(devs.get(0), dt);
            if (op instanceof PairSharded sharded) {
                System.out.printf(
                        "pairs of %s spread over %d devices%n", g.summary(), sharded.numShards());
            }
            report.addProperty("devices", devs.size());
            long t0 = System.nanoTime();
            ComplexTensor x;
            try {
                x = solve(meth, r, model, op, y, report);
            } finally {
                if (progress != null) {
                    progress.close();
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            report.addProperty("seconds", seconds);
            System.out.printf("%s on %s: %.2f s%n", meth, g.summary(), seconds);
            ComplexTensor truth = truth0.toType(dt);
            double nmse = ImageMetrics.nmseDb(x, truth);
            double psnr = ImageMetrics.psnr(x, truth);
            double ssim = ImageMetrics.ssim(x, truth);
            System.out.printf("NMSE %.2f dB, PSNR %.2f dB, SSIM %.4f%n", nmse, psnr, ssim);
            report.addProperty("nmse_db", nmse);
            report.addProperty("psnr", psnr);
            report.addProperty("ssim", ssim);
            Map<String, HostArray> arrays = new LinkedHashMap<>();
            arrays.put("x", HostArray.fromComplexTensor(x));
            arrays.put("meta", HostArray.ofUtf8(report.toString()));
            Npz.write(outTmp, arrays);
            if (pngTmp != null) {
                Figure.builder()
                        .optTitle(g.preset() + ", " + meth + (isRegularised(meth) ? " " + r : ""))
                        .addPanels(Panels.of("truth |x|", truth))
                        .addPanels(Panels.of(meth + " |x|", x))
                        .build()
                        .write(pngTmp);
            }
        }
        if (jsonTmp != null) {
            Reports.writeJson(jsonTmp, report);
        }
    }

    private ComplexTensor solve(
            String meth,
            String r,
            SensingModel model,
            LinearOperator op,
            ComplexTensor y,
            JsonObject report) {
        Method method = Method.of(meth).orElseThrow();
        int cap = iters != null ? iters : SolverDefaults.recipe(method).iterations();
        if (method == Method.BACKPROJECTION) {
            return record(report, Backprojection.of(op).run(y));
        }
        double lmax = model.normSquared(op.device(), op.dataType());
        report.addProperty("largest_eigenvalue", lmax);
        LambdaRule rule = SolverDefaults.recipe(method).lambda();
        rule = lambda == null ? rule : rule.withFraction(lambda);
        double abs = rule.absolute(op, y, lmax);
        printLambda(report, rule.fraction(), abs, rule.reference().phrase());
        Prox prox = null;
        XStep xStep = null;
        if (method.isRegularised()) {
            report.addProperty("reg", r);
            prox = r.equals("tv") ? new TotalVariation(abs) : new SoftThreshold(abs);
        }
        if (method == Method.ADMM) {
            int cg = SolverDefaults.ADMM_CG_ITERATIONS;
            xStep = model.xStep(op.device(), op.dataType(), StoppingRule.fixed(cg));
            report.addProperty("x_step", model.hasExactXStep() ? "exact-kronecker" : "cg-" + cg);
        }
        return record(
                report,
                SolverDefaults.solver(method, op, prox, abs, lmax, xStep, cap, progress(meth, cap))
                        .run(y));
    }

    /** Writes how the solve ended (SPEC §4) into the report; returns the solution. */
    private static ComplexTensor record(JsonObject report, SolveResult result) {
        report.addProperty("max_iterations", result.maxIterations());
        report.addProperty("iterations", result.iterations());
        report.addProperty("stop_reason", result.reason().key());
        report.addProperty("tolerance_met", result.toleranceMet());
        if (Double.isFinite(result.primalResidual())) {
            report.addProperty("primal_residual", result.primalResidual());
        }
        if (Double.isFinite(result.dualResidual())) {
            report.addProperty("dual_residual", result.dualResidual());
        }
        System.out.printf(
                "stopped: %s after %d of %d iterations%n",
                result.reason().key(), result.iterations(), result.maxIterations());
        return result.x();
    }

    /**
     * Progress of the solver {@code name}, at most {@code cap} iterations on standard error (a line
     * in place on a terminal).
     */
    private IterationListener progress(String name, int cap) {
        progress = ProgressListener.start(name, cap);
        return progress;
    }

    /** The progress of the running solver, ended once it returns. */
    private ProgressListener progress;

    /**
     * The file's operator: its stored factors (checked against its meta on reading), on one device
     * as they are, on several with the pairs spread over them ({@link PairSharded}; the solvers
     * then gather only scene-sized partial sums inside their iterations).
     */
    private static SensingModel model(SimulationData data, List<Device> devs, NDManager m) {
        SensingFactors f = data.factors(m);
        return devs.size() > 1 ? SensingModel.ofFactors(f, devs) : SensingModel.ofFactors(f);
    }

    private static void printLambda(JsonObject report, double frac, double abs, String of) {
        System.out.printf("lambda %.4g %s = %.6g%n", frac, of, abs);
        report.addProperty("lambda_fraction", frac);
        report.addProperty("lambda", abs);
    }

    private static boolean isRegularised(String meth) {
        return meth.equals("fista") || meth.equals("admm");
    }

    private void checkArguments(String meth, String r) throws IOException {
        if (!meth.matches("backprojection|cg|fista|admm")) {
            throw new CliErrors.UserError(
                    "--method must be backprojection, cg, fista or admm, got '" + method + "'");
        }
        if (!r.matches("l1|tv")) {
            throw new CliErrors.UserError("--reg must be l1 or tv, got '" + reg + "'");
        }
        if (lambda != null && !(lambda > 0 && Double.isFinite(lambda))) {
            throw new CliErrors.UserError("--lambda must be a positive fraction, got " + lambda);
        }
        if (iters != null && iters < 1) {
            throw new CliErrors.UserError("--iters must be at least 1, got " + iters);
        }
        if (!Files.isRegularFile(input)) {
            throw new CliErrors.UserError("--input " + input + ": no such file");
        }
        if (!out.toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
            throw new CliErrors.UserError("--out " + out + ": must end in .npz");
        }
        if (png != null && !png.toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new CliErrors.UserError("--png " + png + ": must end in .png");
        }
    }
}
