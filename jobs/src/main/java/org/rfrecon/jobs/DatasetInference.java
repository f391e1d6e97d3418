package org.rfrecon.jobs;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.translate.TranslateException;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.datasets.io.AtomicFiles;
import org.rfrecon.datasets.io.Checksums;
import org.rfrecon.datasets.npy.HostArray;
import org.rfrecon.datasets.npy.HostArrays;
import org.rfrecon.datasets.npy.Npz;
import org.rfrecon.datasets.sim.DatasetDirectory;
import org.rfrecon.datasets.sim.ShardInfo;
import org.rfrecon.models.Measurements;
import org.rfrecon.models.Reconstruction;
import org.rfrecon.training.QualityMetrics;

/**
 * The shard-level work of {@code rfrecon infer} on a dataset directory, shared by the
 * single-machine loop and the cluster tasks: the output directory holds {@code shard-NNNNN.npz}
 * with {@code x} (B, ...) complex64 per input shard, and {@code reconstructions.json} (model,
 * input, count, and the SHA-256 of every shard), written last.
 */
public final class DatasetInference {

    /** The name of the output directory's index file. */
    public static final String INDEX = "reconstructions.json";

    private DatasetInference() {}

    /**
     * Runs the model on sample 0 of the dataset, so that a model of another geometry is refused
     * with one line before any work is distributed.
     */
    public static void check(Predictor<Measurements, Reconstruction> p, DatasetDirectory dir)
            throws IOException {
        HostArray y = dir.readShard(0).get("y");
        predict(p, new Measurements(dir.info().geometry(), HostArrays.item(y, 0)));
    }

    /**
     * Reconstructs every sample of input shard {@code k} into {@code outDir/shard-NNNNN.npz}
     * (written atomically).
     *
     * @param m temporaries of each sample live in a sub-manager of it
     * @param perSample called once per sample done
     * @return the shard's entry (file, first sample, count, SHA-256) and the sums of NMSE (dB),
     *     PSNR and SSIM over its samples
     */
    public static Result shard(
            Predictor<Measurements, Reconstruction> p,
            QualityMetrics metrics,
            NDManager m,
            DatasetDirectory dir,
            int k,
            Path outDir,
            LongConsumer perSample)
            throws IOException {
        Map<String, HostArray> shard = dir.readShard(k);
        HostArray y = shard.get("y");
        HostArray scene = shard.get("scene");
        List<HostArray> xs = new ArrayList<>();
        double[] sums = new double[3];
        for (long i = 0; i < y.shape()[0]; i++) {
            try (NDManager s = m.newSubManager()) {
                Reconstruction r =
                        predict(p, new Measurements(dir.info().geometry(), HostArrays.item(y, i)));
                xs.add(r.x());
                add(sums, quality(metrics, s, HostArrays.item(scene, i), r.x()));
            }
            perSample.accept(i + 1);
        }
        Map<String, HostArray> out = new LinkedHashMap<>();
        out.put("x", HostArrays.stack(xs));
        byte[] bytes = Npz.toBytes(out);
        String name = DatasetDirectory.shardName(k);
        AtomicFiles.write(outDir.resolve(name), bytes);
        ShardInfo info = dir.info().shards().get(k);
        return new Result(
                new ShardInfo(name, info.first(), info.count(), Checksums.sha256(bytes)), sums);
    }

    /**
     * Reconstructs every shard of {@code dir} into {@code outDir}, shard by shard, and writes
     * {@link #INDEX} last: the single-machine form of what a cluster runs as one task per shard.
     *
     * @param model the model as the index names it (a directory or {@code zoo:NAME})
     * @param m temporaries of each sample live in a sub-manager of it
     * @param progress called with the number of samples done after each sample
     * @return NMSE (dB), PSNR and SSIM summed over all samples
     */
    public static double[] run(
            Predictor<Measurements, Reconstruction> p,
            QualityMetrics metrics,
            NDManager m,
            String model,
            DatasetDirectory dir,
            Path outDir,
            LongConsumer progress)
            throws IOException {
        List<ShardInfo> shards = new ArrayList<>();
        double[] sums = new double[3];
        long done = 0;
        for (int k = 0; k < dir.info().shards().size(); k++) {
            long before = done;
            Result r = shard(p, metrics, m, dir, k, outDir, i -> progress.accept(before + i));
            done += r.shard().count();
            shards.add(r.shard());
            add(sums, r.sums());
        }
        AtomicFiles.write(
                outDir.resolve(INDEX), index(model, dir.directory(), dir.info().count(), shards));
        return sums;
    }

    /**
     * The metric sums of a finished output shard against the input's scenes (a resumed run counts
     * the shards it keeps).
     */
    public static double[] qualityOf(
            QualityMetrics metrics, NDManager m, DatasetDirectory dir, int k, Path outFile)
            throws IOException {
        HostArray scene = dir.readShard(k).get("scene");
        HostArray x = Npz.read(outFile).get("x");
        double[] sums = new double[3];
        for (long i = 0; i < scene.shape()[0]; i++) {
            try (NDManager s = m.newSubManager()) {
                add(sums, quality(metrics, s, HostArrays.item(scene, i), HostArrays.item(x, i)));
            }
        }
        return sums;
    }

    /** The content of {@link #INDEX}. */
    public static byte[] index(String model, Path input, long count, List<ShardInfo> shards) {
        Gson gson = new Gson();
        JsonObject meta = new JsonObject();
        meta.addProperty("model", model);
        meta.addProperty("input", input.toAbsolutePath().toString());
        meta.addProperty("count", count);
        JsonArray a = new JsonArray();
        shards.forEach(s -> a.add(gson.toJsonTree(s)));
        meta.add("shards", a);
        return meta.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One inferred shard.
     *
     * @param shard its entry in {@link #INDEX}
     * @param sums NMSE (dB), PSNR and SSIM summed over its samples
     */
    public record Result(ShardInfo shard, double[] sums) {}

    private static double[] quality(
            QualityMetrics metrics, NDManager s, HostArray truth, HostArray x) {
        ComplexTensor t = truth.toComplexTensor(s).toType(DataType.FLOAT32);
        return metrics.evaluate(batch(t), batch(x.toComplexTensor(s)));
    }

    private static void add(double[] sums, double[] q) {
        for (int j = 0; j < 3; j++) {
            sums[j] += q[j];
        }
    }

    /**
     * One prediction; a geometry or shape mismatch surfaces as a one-line {@link
     * IllegalArgumentException} (the translator's own message), any other failure as an {@link
     * IllegalStateException}.
     */
    public static Reconstruction predict(
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

    /** {@code x} as the metrics take it: a batch of one, real and imaginary channels first. */
    public static NDArray batch(ComplexTensor x) {
        return x.stackChannels(0).expandDims(0);
    }
}
