package org.rfrecon.cli;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.device.Devices;
import org.rfrecon.datasets.io.AtomicFiles;
import org.rfrecon.datasets.npy.HostArray;
import org.rfrecon.datasets.npy.HostArrays;
import org.rfrecon.datasets.npy.Npz;
import org.rfrecon.datasets.render.Figure;
import org.rfrecon.datasets.render.Panels;
import org.rfrecon.datasets.sim.DatasetDirectory;
import org.rfrecon.datasets.sim.SimulationData;
import org.rfrecon.datasets.sim.SimulationFile;
import org.rfrecon.models.Measurements;
import org.rfrecon.models.Reconstruction;
import org.rfrecon.training.QualityMetrics;
import org.rfrecon.training.metric.SpecQualityMetrics;
import picocli.CommandLine.Command;
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

    @Override
    public Integer call() throws IOException {
        Device dev = Devices.resolve(device);
        boolean dataset = Files.isDirectory(input);
        if (!dataset && !Files.isRegularFile(input)) {
            throw new IllegalArgumentException(input + ": no such file or dataset directory");
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
        SimulationData data = SimulationFile.read(input);
        Reconstruction r = predict(p, Measurements.of(data));
        ComplexTensor truth = data.sceneTensor(m).toType(ai.djl.ndarray.types.DataType.FLOAT32);
        ComplexTensor x = r.x().toComplexTensor(m);
        double[] q = metrics.evaluate(batch(truth), batch(x));
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
        List<Integer> shards = new ArrayList<>();
        for (int k = 0; k < dir.info().shards().size(); k++) {
            shards.add(k);
        }
        try (Progress bar = Progress.start("infer", count)) {
            AtomicFiles.writeDirectory(
                    out,
                    tmp -> {
                        long done = 0;
                        for (int k : shards) {
                            Map<String, HostArray> shard = dir.readShard(k);
                            HostArray y = shard.get("y");
                            HostArray scene = shard.get("scene");
                            List<HostArray> xs = new ArrayList<>();
                            for (long i = 0; i < y.shape()[0]; i++) {
                                try (NDManager s = m.newSubManager()) {
                                    Reconstruction r =
                                            predict(
                                                    p,
                                                    new Measurements(
                                                            dir.info().geometry(),
                                                            HostArrays.item(y, i)));
                                    xs.add(r.x());
                                    ComplexTensor truth =
                                            HostArrays.item(scene, i)
                                                    .toComplexTensor(s)
                                                    .toType(ai.djl.ndarray.types.DataType.FLOAT32);
                                    double[] q =
                                            metrics.evaluate(
                                                    batch(truth), batch(r.x().toComplexTensor(s)));
                                    for (int j = 0; j < 3; j++) {
                                        sums[j] += q[j];
                                    }
                                }
                                bar.update(++done);
                            }
                            Map<String, HostArray> outShard = new LinkedHashMap<>();
                            outShard.put("x", HostArrays.stack(xs));
                            Npz.write(tmp.resolve(DatasetDirectory.shardName(k)), outShard);
                        }
                        JsonObject meta = new JsonObject();
                        meta.addProperty("model", model);
                        meta.addProperty("input", input.toAbsolutePath().toString());
                        meta.addProperty("count", count);
                        Files.writeString(
                                tmp.resolve("reconstructions.json"),
                                meta.toString(),
                                StandardCharsets.UTF_8);
                    });
        }
        for (int j = 0; j < 3; j++) {
            sums[j] /= count;
        }
        return sums;
    }

    private static Reconstruction predict(
            Predictor<Measurements, Reconstruction> p, Measurements in) {
        try {
            return p.predict(in);
        } catch (TranslateException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof IllegalArgumentException iae) {
                    throw new IllegalArgumentException(iae.getMessage(), e);
                }
            }
            throw new IllegalStateException("inference failed: " + e.getMessage(), e);
        }
    }

    private static NDArray batch(ComplexTensor x) {
        return x.stackChannels(0).expandDims(0);
    }
}
