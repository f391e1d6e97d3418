package org.rfrecon.cli;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.ZooModel;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rfrecon.cli.cluster.ClusterOptions;
import org.rfrecon.cli.cluster.ClusterSession;
import org.rfrecon.cli.cluster.InferenceJob;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.datasets.io.AtomicFiles;
import org.rfrecon.datasets.npy.HostArray;
import org.rfrecon.datasets.npy.Npz;
import org.rfrecon.datasets.render.Figure;
import org.rfrecon.datasets.render.Panels;
import org.rfrecon.datasets.sim.DatasetDirectory;
import org.rfrecon.datasets.sim.ShardInfo;
import org.rfrecon.datasets.sim.SimulationData;
import org.rfrecon.datasets.sim.SimulationFile;
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

    @Option(names = "--json", description = "write what is printed as one JSON object")
    Path json;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu or gpu")
    String device;

    @Mixin ClusterOptions cluster;

    @Override
    public Integer call() throws IOException {
        if (cluster.requested()) {
            cluster.open().close(); // a bad URL or a missing engine: one line, before any work
        }
        Device dev = Flags.device(device);
        boolean dataset = Files.isDirectory(input);
        if (!dataset && !Files.isRegularFile(input)) {
            throw new IllegalArgumentException(input + ": no such file or dataset directory");
        }
        if (!dataset && cluster.requested()) {
            throw new CliErrors.UserError(
                    "--master runs infer on a dataset directory; " + input + " is a file");
        }
        QualityMetrics metrics = new SpecQualityMetrics();
        JsonObject report = new JsonObject();
        try (ZooModel<Measurements, Reconstruction> zoo = ModelLoading.load(model, dev);
                Predictor<Measurements, Reconstruction> predictor = zoo.newPredictor();
                NDManager m = NDManager.newBaseManager(dev)) {
            double[] q = dataset ? dataset(predictor, metrics, m) : file(predictor, metrics, m);
            report.addProperty("model", model);
            report.addProperty("input", input.toString());
            report.addProperty("nmse_db", q[0]);
            report.addProperty("psnr", q[1]);
            report.addProperty("ssim", q[2]);
            System.out.printf(
                    Locale.ROOT, "NMSE %.2f dB, PSNR %.2f dB, SSIM %.3f%n", q[0], q[1], q[2]);
        }
        if (json != null) {
            Reports.writeJson(json, report);
        }
        return 0;
    }

    private double[] file(
            Predictor<Measurements, Reconstruction> p, QualityMetrics metrics, NDManager m)
            throws IOException {
        SimulationData data = SimulationFile.readConsistent(input); // the file is the model
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
        Reports.createParent(out);
        Npz.write(out, arrays);
        if (png != null) {
            Reports.createParent(png);
            Figure.builder()
                    .addPanels(Panels.of("truth", truth))
                    .addPanels(Panels.of("unrolled", x))
                    .build()
                    .write(png);
        }
        return q;
    }

    private double[] dataset(
            Predictor<Measurements, Reconstruction> p, QualityMetrics metrics, NDManager m)
            throws IOException {
        DatasetDirectory dir = DatasetDirectory.open(input);
        long count = dir.info().count();
        double[] sums = new double[3];
        if (cluster.requested()) {
            DatasetInference.check(p, dir); // a mismatched model fails here, before any task
            try (ClusterSession c = cluster.open();
                    Progress bar = Progress.start("infer", count)) {
                double[] q = c.infer(new InferenceJob(model, device), dir, out, bar);
                System.arraycopy(q, 0, sums, 0, 3);
            }
        } else {
            try (Progress bar = Progress.start("infer", count)) {
                AtomicFiles.writeDirectory(
                        out,
                        tmp -> {
                            List<ShardInfo> shards = new ArrayList<>();
                            long done = 0;
                            for (int k = 0; k < dir.info().shards().size(); k++) {
                                long before = done;
                                DatasetInference.Result r =
                                        DatasetInference.shard(
                                                p,
                                                metrics,
                                                m,
                                                dir,
                                                k,
                                                tmp,
                                                i -> bar.update(before + i));
                                done += r.shard().count();
                                shards.add(r.shard());
                                for (int j = 0; j < 3; j++) {
                                    sums[j] += r.sums()[j];
                                }
                            }
                            AtomicFiles.write(
                                    tmp.resolve(DatasetInference.INDEX),
                                    DatasetInference.index(model, input, count, shards));
                        });
            }
        }
        for (int j = 0; j < 3; j++) {
            sums[j] /= count;
        }
        return sums;
    }
}
