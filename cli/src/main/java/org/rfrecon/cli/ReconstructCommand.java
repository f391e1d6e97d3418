package org.rfrecon.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
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
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.device.DeviceLists;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.SensingFactors;
import org.rfrecon.core.operator.Kronecker2D;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.operator.PairSharded;
import org.rfrecon.core.operator.Volume3D;
import org.rfrecon.core.prox.Prox;
import org.rfrecon.core.prox.SoftThreshold;
import org.rfrecon.core.prox.TotalVariation;
import org.rfrecon.core.solver.Admm;
import org.rfrecon.core.solver.Backprojection;
import org.rfrecon.core.solver.CgXStep;
import org.rfrecon.core.solver.Fista;
import org.rfrecon.core.solver.IterationListener;
import org.rfrecon.core.solver.KroneckerExactXStep;
import org.rfrecon.core.solver.PowerIteration;
import org.rfrecon.core.solver.StoppingRule;
import org.rfrecon.core.solver.TikhonovCg;
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
            defaultValue = "200",
            description = "iteration cap (default ${DEFAULT-VALUE})")
    int iters;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu")
    String device;

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

    @Option(names = "--json", description = "write what is printed as one JSON object")
    Path json;

    @Override
    public Integer call() throws IOException {
        progress = null;
        String meth = method.toLowerCase(Locale.ROOT);
        String r = reg.toLowerCase(Locale.ROOT);
        checkArguments(meth, r);
        List<Device> devs = DeviceLists.resolve(device, devices);
        try (OutputSet outputs = OutputSet.create()) {
            outputs.input(input);
            Path outTmp = outputs.file(out);
            Path pngTmp = png == null ? null : outputs.file(png);
            Path jsonTmp = json == null ? null : outputs.file(json);
            run(meth, r, devs, outTmp, pngTmp, jsonTmp);
            outputs.commit();
        }
        for (Path p : new Path[] {out, png, json}) {
            if (p != null) {
                System.out.println("wrote " + p);
            }
        }
        return 0;
    }

    private void run(
            String meth, String r, List<Device> devs, Path outTmp, Path pngTmp, Path jsonTmp)
            throws IOException {
        SimulationData data = SimulationFile.read(input);
        Geometry g = data.geometry();
        JsonObject report = new JsonObject();
        report.addProperty("command", "reconstruct");
        report.addProperty("input", input.toString());
        report.addProperty("method", meth);
        try (NDManager m = NDManager.newBaseManager(devs.get(0))) {
            // Copy at once into torch-owned memory: arrays made from the file's NIO buffers have
            // shown garbage values after a GC (suspected zero-copy create in HostArray).
            ComplexTensor y = owned(data.yTensor(m));
            ComplexTensor truth0 = owned(data.sceneTensor(m));
            DataType dt = y.getDataType();
            if (y.hasNonFinite()) {
                throw new CliErrors.UserError(
                        input + ": key 'y' holds NaN or Inf; expected finite");
            }
            LinearOperator op = operator(g, devs, m, dt);
            report.addProperty("devices", devs.size());
            long t0 = System.nanoTime();
            ComplexTensor x;
            try {
                x = solve(meth, r, op, g, y, m, report);
            } finally {
                if (progress != null) {
                    progress.close();
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            report.addProperty("seconds", seconds);
            System.out.printf("%s on %s: %.2f s%n", meth, g.summary(), seconds);
            ComplexTensor truth = truth0.toType(dt);
            java.lang.ref.Reference.reachabilityFence(data);
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
            LinearOperator op,
            Geometry g,
            ComplexTensor y,
            NDManager m,
            JsonObject report) {
        if (meth.equals("backprojection")) {
            return Backprojection.apply(op, y);
        }
        double lmax = PowerIteration.largestEigenvalue(op, m);
        report.addProperty("largest_eigenvalue", lmax);
        if (meth.equals("cg")) {
            double frac = lambda == null ? 0.01 : lambda;
            double abs = frac * lmax;
            printLambda(report, frac, abs, "of the largest eigenvalue of A^H A");
            return new TikhonovCg(op, abs, StoppingRule.of(iters, 1e-6), progress("cg")).solve(y);
        }
        double frac = lambda == null ? 0.05 : lambda;
        double inf;
        try (ComplexTensor aty = op.adjoint(y);
                NDArray a = aty.abs();
                NDArray mx = a.max()) {
            inf = Scalars.value(mx);
        }
        double abs = frac * inf;
        printLambda(report, frac, abs, "of ||A^H y||_inf");
        report.addProperty("reg", r);
        Prox prox = r.equals("tv") ? new TotalVariation(abs) : new SoftThreshold(abs);
        StoppingRule rule = StoppingRule.of(iters, 1e-5);
        if (meth.equals("fista")) {
            return new Fista(op, prox, lmax, rule, progress("fista")).solve(y);
        }
        boolean exact = !g.isVolume() && g.numPairs() == 1 && g.numFrequencies() == 1;
        XStep xStep =
                exact
                        ? KroneckerExactXStep.of(SensingFactors.fresnel(g, m, op.dataType()), m)
                        : new CgXStep(op, StoppingRule.fixed(ADMM_CG_ITERATIONS));
        report.addProperty("x_step", exact ? "exact-kronecker" : "cg-" + ADMM_CG_ITERATIONS);
        return admm(op, prox, lmax, xStep, iters, progress("admm")).solve(y);
    }

    /** CG iterations of the default ADMM x-step. */
    static final int ADMM_CG_ITERATIONS = 10;

    /**
     * The ADMM of {@code reconstruct --method admm} (also the demo's): rho {@code 0.1 lambda_max}
     * with residual balancing, at most {@code iters} iterations, stopping at relative residuals of
     * 1e-5.
     */
    static Admm admm(LinearOperator op, Prox prox, double lmax, XStep xStep, int iters) {
        return admm(op, prox, lmax, xStep, iters, null);
    }

    /** {@link #admm(LinearOperator, Prox, double, XStep, int)} reporting to {@code listener}. */
    static Admm admm(
            LinearOperator op,
            Prox prox,
            double lmax,
            XStep xStep,
            int iters,
            IterationListener listener) {
        return new Admm(op, prox, 0.1 * lmax, true, xStep, StoppingRule.of(iters, 1e-5), listener);
    }

    /** Progress of the solver {@code name} on standard error (a line in place on a terminal). */
    private IterationListener progress(String name) {
        progress = ProgressListener.start(name, iters);
        return progress;
    }

    /** The progress of the running solver, ended once it returns. */
    private ProgressListener progress;

    /**
     * The Fresnel operator of {@code g}: on one device the plain operator, on several the pairs
     * spread over them ({@link PairSharded}; the solvers then gather only scene-sized partial sums
     * inside their iterations).
     */
    private static LinearOperator operator(
            Geometry g, List<Device> devs, NDManager m, DataType dt) {
        if (devs.size() > 1) {
            PairSharded sharded = PairSharded.of(g, devs, m, dt);
            System.out.printf(
                    "pairs of %s spread over %d devices%n", g.summary(), sharded.numShards());
            return sharded;
        }
        return g.isVolume() ? Volume3D.of(g, m, dt) : Kronecker2D.of(g, m, dt);
    }

    /** A deep copy whose memory belongs to the engine. */
    private static ComplexTensor owned(ComplexTensor t) {
        return ComplexTensor.of(t.re().mul(1), t.im().mul(1));
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
        if (iters < 1) {
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
