package org.rfrecon.cli;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.ZooModel;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.physics.SensingModel;
import org.rfrecon.datasets.io.OutputSet;
import org.rfrecon.datasets.npy.HostArray;
import org.rfrecon.datasets.npy.Npz;
import org.rfrecon.datasets.render.Figure;
import org.rfrecon.datasets.render.Panels;
import org.rfrecon.datasets.sim.DatasetDirectory;
import org.rfrecon.datasets.sim.SimulationData;
import org.rfrecon.datasets.sim.SimulationFile;
import org.rfrecon.jobs.DatasetInference;
import org.rfrecon.jobs.ModelLoading;
import org.rfrecon.jobs.cluster.ClusterSession;
import org.rfrecon.jobs.cluster.InferenceJob;
import org.rfrecon.models.Measurements;
import org.rfrecon.models.Reconstruction;
import org.rfrecon.training.QualityMetrics;
import org.rfrecon.training.metric.SpecQualityMetrics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rfrecon infer}: runs an exported model on one simulation file or a whole dataset
 * directory, with metrics where the ground truth is present.
 */
@Command(
        name = "infer",
        mixinStandardHelpOptions = true,
        description = "Runs an exported model (a directory or zoo:NAME) on measurements.")
final class InferCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "MODEL_DIR or zoo:NAME")
    String model;

    @Option(names = "--input", required = true, description = "SIM.npz or a dataset directory")
    Path input;

    @Option(names = "--out", required = true, description = "REC.npz (file input) or a new DIR")
    Path out;

    @Option(names = "--png", description = "truth | reconstruction in dB (file input)")
    Path png;

    @Mixin JobOptions options;

    @Override
    public Integer call() throws IOException {
        options.cluster.check(); // a bad URL or a missing engine: one line, before any work
        Device dev = options.device.resolve();
        boolean dataset = Files.isDirectory(input);
        if (!dataset && !Files.isRegularFile(input)) {
            throw new IllegalArgumentException(input + ": no such file or dataset directory");
        }
        if (!dataset && options.cluster.requested()) {
            throw new CliErrors.UserError(
                    "--master runs infer on a dataset directory; " + input + " is a file");
        }
        if (!dataset && !out.toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
            throw new CliErrors.UserError("--out " + out + ": must end in .npz (a reconstruction)");
        }
        if (dataset && out.toString().toLowerCase(Locale.ROOT).endsWith(".npz")) {
            throw new CliErrors.UserError(
                    "--out " + out + ": the input is a dataset directory; give a new directory");
        }
        if (png != null && !png.toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new CliErrors.UserError("--png " + png + ": must end in .png (PNG is written)");
        }
        if (png != null && dataset) {
            throw new CliErrors.UserError("--png draws one reconstruction: give a SIM.npz input");
        }
        QualityMetrics metrics = new SpecQualityMetrics();
        JsonObject report = new JsonObject();
        try (OutputSet outputs = OutputSet.create()) {
            outputs.input(input);
            outputs.input(modelDirectory());
            Path outTmp;
            if (!dataset) {
                outTmp = outputs.file(out);
            } else if (options.cluster.requested()) {
                outTmp = outputs.inPlace(out); // resumable shards of a cluster run
            } else {
                outTmp = outputs.directory(out);
            }
            Path pngTmp = png == null ? null : outputs.file(png);
            Path jsonTmp = options.json.path == null ? null : outputs.file(options.json.path);
            // a file is its own model: the network runs on the file's stored factors (refused
            // first if they disagree with its meta geometry)
            SimulationData data = dataset ? null : SimulationFile.readConsistent(input);
            try (NDManager m = NDManager.newBaseManager(dev);
                    SensingModel physics =
                            data == null ? null : SensingModel.ofFactors(data.factors(m));
                    ZooModel<Measurements, Reconstruction> zoo =
                            ModelLoading.load(model, dev, physics);
                    Predictor<Measurements, Reconstruction> predictor = zoo.newPredictor()) {
                double[] q =
                        dataset
                                ? dataset(predictor, metrics, m, outTmp)
                                : file(data, predictor, metrics, m, outTmp, pngTmp);
                report.addProperty("model", model);
                report.addProperty("input", input.toString());
                report.addProperty("nmse_db", q[0]);
                report.addProperty("psnr", q[1]);
                report.addProperty("ssim", q[2]);
                System.out.printf(
                        Locale.ROOT, "NMSE %.2f dB, PSNR %.2f dB, SSIM %.3f%n", q[0], q[1], q[2]);
            }
            if (jsonTmp != null) {
                Reports.writeJson(jsonTmp, report);
            }
            outputs.commit();
        }
        for (Path p : new Path[] {out, png, options.json.path}) {
            if (p != null) {
                System.out.println("wrote " + p);
            }
        }
        return 0;
    }

    /** The model directory read (a zoo name's directory too), or null if not known here. */
    private Path modelDirectory() {
        return Flags.value("--model", model, () -> ModelLoading.directory(model));
    }

    private double[] file(
            SimulationData data,
            Predictor<Measurements, Reconstruction> p,
            QualityMetrics metrics,
            NDManager m,
            Path outTmp,
            Path pngTmp)
            throws IOException {
        Reconstruction r = DatasetInference.predict(p, Measurements.of(data));
        ComplexTensor truth = data.sceneTensor(m).toType(ai.djl.ndarray.types.DataType.FLOAT32);
        ComplexTensor x = r.x().toComplexTensor(m);
        double[] q = metrics.evaluate(DatasetInference.batch(truth), DatasetInference.batch(x));
        JsonObject meta = new JsonObject();
        meta.addProperty("method", "unrolled");
        meta.addProperty("model", model);
        meta.add("metrics", org.rfrecon.training.TrainingSummary.metrics(q));
        Map<String, HostArray> arrays = new LinkedHashMap<>();
        arrays.put("x", r.x());
        arrays.put("meta", HostArray.ofUtf8(meta.toString()));
        Npz.write(outTmp, arrays);
        if (pngTmp != null) {
            Figure.builder()
                    .optTitle(
                            data.geometry().preset()
                                    + ", "
                                    + model
                                    + String.format(Locale.ROOT, ", NMSE %.2f dB", q[0]))
                    .addPanels(Panels.of("truth |x|", truth))
                    .addPanels(Panels.of("unrolled |x|", x))
                    .build()
                    .write(pngTmp);
        }
        return q;
    }

    private double[] dataset(
            Predictor<Measurements, Reconstruction> p,
            QualityMetrics metrics,
            NDManager m,
            Path outTmp)
            throws IOException {
        DatasetDirectory dir = DatasetDirectory.open(input);
        long count = dir.info().count();
        double[] sums = new double[3];
        if (options.cluster.requested()) {
            DatasetInference.check(p, dir); // a mismatched model fails here, before any task
            try (ClusterSession c = options.cluster.open();
                    Progress bar = Progress.start("infer", count)) {
                double[] q = c.infer(new InferenceJob(model, options.device.kind), dir, out, bar);
                System.arraycopy(q, 0, sums, 0, 3);
            }
        } else {
            try (Progress bar = Progress.start("infer", count)) {
                double[] q = DatasetInference.run(p, metrics, m, model, dir, outTmp, bar::update);
                System.arraycopy(q, 0, sums, 0, 3);
            }
        }
        for (int j = 0; j < 3; j++) {
            sums[j] /= count;
        }
        return sums;
    }
}
