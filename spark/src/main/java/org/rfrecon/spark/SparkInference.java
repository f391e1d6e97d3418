package org.rfrecon.spark;

import ai.djl.Device;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.rfrecon.datasets.io.AtomicFiles;
import org.rfrecon.datasets.sim.DatasetDirectory;
import org.rfrecon.datasets.sim.ShardInfo;
import org.rfrecon.jobs.DatasetInference;
import org.rfrecon.jobs.ModelLoading;
import org.rfrecon.jobs.cluster.InferenceJob;
import org.rfrecon.models.Measurements;
import org.rfrecon.models.Reconstruction;
import org.rfrecon.training.QualityMetrics;
import org.rfrecon.training.metric.SpecQualityMetrics;

/**
 * {@code rfrecon infer --input DATASET --master URL}: one Spark task per input shard. Each executor
 * JVM loads the model once ({@link ModelCache}); each partition makes one Predictor and one
 * NDManager and closes both, so a long job does not grow native memory. Shards are written with
 * {@link DatasetInference#shard} (the single-machine code) into the shared output directory ({@link
 * ShardStore}); the driver writes {@code reconstructions.json} last.
 */
final class SparkInference {

    private SparkInference() {}

    /** Runs the model over the dataset; returns NMSE (dB), PSNR and SSIM summed over samples. */
    static double[] run(JavaSparkContext sc, InferenceJob job, DatasetDirectory input, Path out)
            throws IOException {
        long count = input.info().count();
        Path in = input.directory().toAbsolutePath();
        JsonObject request =
                JsonParser.parseString(
                                new String(
                                        DatasetInference.index(job.model(), in, count, List.of()),
                                        StandardCharsets.UTF_8))
                        .getAsJsonObject();
        ShardStore store = ShardStore.begin(out, request, DatasetInference.INDEX);
        int n = input.info().shards().size();
        String model = ModelLoading.absolute(job.model());
        sc.setJobDescription("rfrecon infer " + n + " shards");
        List<ShardEntry> done =
                sc.parallelize(IntStream.range(0, n).boxed().toList(), n)
                        .mapPartitions(
                                new ShardTask(
                                        new InferenceJob(model, job.device()),
                                        in.toString(),
                                        store.directory().toString()))
                        .collect();
        List<ShardInfo> shards = SparkSimulation.Shards.inOrder(done, n);
        double[] sums = new double[3];
        done.forEach(
                e -> {
                    for (int j = 0; j < 3; j++) {
                        sums[j] += e.sums()[j];
                    }
                });
        int kept = SparkSimulation.Shards.kept(done);
        System.out.printf(
                "%d shards on Spark: %d inferred, %d kept from an earlier run%n",
                n, n - kept, kept);
        AtomicFiles.write(
                store.directory().resolve(DatasetInference.INDEX),
                DatasetInference.index(job.model(), in, count, shards));
        store.finish();
        return sums;
    }

    /**
     * The task: infer (or keep) the shards of one partition.
     *
     * @param job the model and device
     * @param input the absolute input dataset directory
     * @param dir the absolute output directory
     */
    record ShardTask(InferenceJob job, String input, String dir)
            implements FlatMapFunction<Iterator<Integer>, ShardEntry> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<ShardEntry> call(Iterator<Integer> shards) throws Exception {
            Tasks.prepare();
            Device device = Tasks.device(job.device());
            DatasetDirectory in = DatasetDirectory.open(Path.of(input));
            Path d = Path.of(dir);
            QualityMetrics metrics = new SpecQualityMetrics();
            List<ShardEntry> out = new ArrayList<>();
            try (Predictor<Measurements, Reconstruction> p =
                            ModelCache.get(job.model(), device).newPredictor();
                    NDManager m = NDManager.newBaseManager(device)) {
                while (shards.hasNext()) {
                    int k = shards.next();
                    String file = DatasetDirectory.shardName(k);
                    ShardInfo kept = ShardStore.kept(d, file);
                    if (kept != null) {
                        double[] q = DatasetInference.qualityOf(metrics, m, in, k, d.resolve(file));
                        out.add(ShardEntry.of(kept, true, q));
                        continue;
                    }
                    DatasetInference.Result r =
                            DatasetInference.shard(p, metrics, m, in, k, d, i -> {});
                    ShardStore.record(d, r.shard());
                    out.add(ShardEntry.of(r.shard(), false, r.sums()));
                }
            }
            return out.iterator();
        }
    }
}
