package org.rfrecon.spark;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.rfrecon.datasets.sim.DatasetDirectory;
import org.rfrecon.datasets.sim.ShardInfo;
import org.rfrecon.datasets.sim.Simulator;
import org.rfrecon.jobs.cluster.SimulationJob;

/**
 * {@code rfrecon simulate --count N --master URL}: one Spark task per shard, each writing its shard
 * with {@link DatasetDirectory#writeShard} (the single-machine writer, so the bytes are the same)
 * into the shared output directory ({@link ShardStore}); the driver writes {@code dataset.json}
 * last.
 */
final class SparkSimulation {

    private SparkSimulation() {}

    /** Simulates the dataset; returns the finished directory and prints what was kept. */
    static DatasetDirectory run(
            JavaSparkContext sc,
            SimulationJob job,
            Simulator sim,
            Path out,
            long count,
            int shardSize)
            throws IOException {
        ShardStore store =
                ShardStore.begin(
                        out,
                        DatasetDirectory.index(sim, count, shardSize, List.of()).toJson(),
                        DatasetDirectory.INDEX);
        int n = DatasetDirectory.shardCount(count, shardSize);
        sc.setJobDescription("rfrecon simulate " + n + " shards");
        List<ShardEntry> done =
                sc.parallelize(IntStream.range(0, n).boxed().toList(), n)
                        .mapPartitions(
                                new ShardTask(job, store.directory().toString(), count, shardSize))
                        .collect();
        List<ShardInfo> shards = Shards.inOrder(done, n);
        System.out.printf(
                "%d shards on Spark: %d simulated, %d kept from an earlier run%n",
                n, n - Shards.kept(done), Shards.kept(done));
        DatasetDirectory.writeIndex(
                store.directory(), DatasetDirectory.index(sim, count, shardSize, shards));
        store.finish();
        return DatasetDirectory.open(out);
    }

    /**
     * The task: simulate (or keep) the shards of one partition.
     *
     * @param job what to simulate
     * @param dir the absolute output directory
     * @param count the samples of the whole dataset
     * @param shardSize samples per shard
     */
    record ShardTask(SimulationJob job, String dir, long count, int shardSize)
            implements FlatMapFunction<Iterator<Integer>, ShardEntry> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<ShardEntry> call(Iterator<Integer> shards) throws Exception {
            Tasks.prepare();
            Path d = Path.of(dir);
            List<ShardEntry> out = new ArrayList<>();
            NDManager manager = null;
            Simulator sim = null;
            try {
                while (shards.hasNext()) {
                    int k = shards.next();
                    ShardInfo kept = ShardStore.kept(d, DatasetDirectory.shardName(k));
                    if (kept != null) {
                        out.add(ShardEntry.of(kept, true, new double[0]));
                        continue;
                    }
                    if (manager == null) {
                        manager = NDManager.newBaseManager(Tasks.device(job.device()));
                        sim = job.simulator(manager);
                    }
                    ShardInfo s =
                            DatasetDirectory.writeShard(
                                    d, sim, manager, k, count, shardSize, i -> {});
                    ShardStore.record(d, s);
                    out.add(ShardEntry.of(s, false, new double[0]));
                }
            } finally {
                if (sim != null) {
                    sim.close();
                }
                if (manager != null) {
                    manager.close();
                }
            }
            return out.iterator();
        }
    }

    /** Orders task results by shard. */
    static final class Shards {
        private Shards() {}

        static List<ShardInfo> inOrder(List<ShardEntry> done, int n) {
            List<ShardInfo> out =
                    done.stream()
                            .sorted(Comparator.comparing(ShardEntry::file))
                            .map(ShardEntry::info)
                            .toList();
            if (out.size() != n) {
                throw new IllegalStateException(
                        n + " shards expected, tasks returned " + out.size());
            }
            return out;
        }

        static int kept(List<ShardEntry> done) {
            return (int) done.stream().filter(ShardEntry::kept).count();
        }
    }
}
