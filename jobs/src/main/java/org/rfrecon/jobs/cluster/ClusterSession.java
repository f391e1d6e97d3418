package org.rfrecon.jobs.cluster;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import org.rfrecon.datasets.sim.DatasetDirectory;
import org.rfrecon.datasets.sim.Shards;
import org.rfrecon.datasets.sim.Simulator;
import org.rfrecon.training.ablation.RunExecutor;

/**
 * One command's use of a cluster: an ablation's runs, a simulated dataset's shards and a dataset
 * inference's shards as tasks. Outputs go to directories every task can write (a shared file system
 * on a real cluster); each task writes its files atomically and the driver writes the index last.
 */
public interface ClusterSession extends AutoCloseable {

    /** The master URL in use, e.g. {@code local[2,4]} or {@code spark://host:7077}. */
    String master();

    /** Runs an ablation's pending runs as one task per (variant, seed). */
    RunExecutor ablation(AblationJob job);

    /**
     * Simulates {@code size.count()} samples into {@code out}, one task per shard, resuming a
     * previous attempt (shards whose checksums verify are kept); {@code dataset.json} is written
     * last.
     *
     * @param sim the driver's simulator of {@code job} (for the index; tasks build their own)
     * @throws org.rfrecon.jobs.InvalidInputException one line naming {@code out} if it holds
     *     anything but an empty directory or an output (finished or not) of the same request
     */
    DatasetDirectory simulate(
            SimulationJob job, Simulator sim, Path out, Shards size, LongConsumer progress)
            throws IOException;

    /**
     * Runs a model over every shard of a dataset directory into {@code out}, one task per shard,
     * resuming like {@link #simulate}; {@code reconstructions.json} is written last.
     *
     * @return NMSE (dB), PSNR and SSIM summed over all samples
     * @throws org.rfrecon.jobs.InvalidInputException one line naming {@code out}, as {@link
     *     #simulate}
     */
    double[] infer(InferenceJob job, DatasetDirectory input, Path out, LongConsumer progress)
            throws IOException;

    /** Stops the cluster context (if one was started). */
    @Override
    void close();
}
