package org.rfrecon.datasets.sim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.datasets.npy.HostArray;
import org.rfrecon.datasets.npy.HostArrays;

/**
 * A DJL {@link RandomAccessDataset} of simulated (measurements, ground truth) pairs, either read
 * from a {@link DatasetDirectory} or simulated on the fly by a {@link Simulator} with no files.
 *
 * <p>Record {@code i} is {@code data = [y]} with {@code y} of shape {@code (2, P, F, M2, M1)} and
 * {@code labels = [scene]} of shape {@code (2, N2, N1)} or {@code (2, N3, N2, N1)}: real arrays
 * with real and imaginary parts on a leading channel axis ({@link ComplexChannels}). Arrays are
 * cast to the dtype set by {@link Builder#optDataType} (float32 by default). In on-the-fly mode
 * record {@code i} is {@code simulator.simulate(i)}, so it equals record {@code i} of a directory
 * written by the same simulator; the manager passed to {@link #get} must live on the simulator's
 * device.
 */
public final class SimulatedDataset extends RandomAccessDataset {

    private final DatasetDirectory directory;
    private final Simulator simulator;
    private final long count;
    private final DataType dtype;
    private int cachedShard = -1;
    private Map<String, HostArray> cached;

    private SimulatedDataset(Builder b, DatasetDirectory directory) {
        super(b);
        this.directory = directory;
        this.simulator = b.simulator;
        this.count = directory != null ? directory.info().count() : b.count;
        this.dtype = b.dtype;
    }

    /** A builder; set a directory or a simulator, and DJL's sampling. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Record {@code index}: {@code data = [y (2, P, F, M2, M1)]}, {@code labels = [scene (2,
     * ...)]}, owned by {@code manager}.
     */
    @Override
    public Record get(NDManager manager, long index) throws IOException {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("record " + index + " of " + count);
        }
        try (NDManager tmp = manager.newSubManager()) {
            ComplexTensor y;
            ComplexTensor scene;
            if (directory != null) {
                int[] at = directory.locate(index);
                Map<String, HostArray> shard = shard(at[0]);
                y = HostArrays.item(shard.get("y"), at[1]).toComplexTensor(tmp);
                scene = HostArrays.item(shard.get("scene"), at[1]).toComplexTensor(tmp);
            } else {
                Simulation s = simulator.simulate(tmp, index);
                y = s.y();
                scene = s.scene();
            }
            NDArray data = ComplexChannels.stack(y, 0).toType(dtype, false);
            NDArray label = ComplexChannels.stack(scene, 0).toType(dtype, false);
            data.attach(manager);
            label.attach(manager);
            return new Record(new NDList(data), new NDList(label));
        }
    }

    private synchronized Map<String, HostArray> shard(int k) throws IOException {
        if (k != cachedShard) {
            cached = directory.readShard(k);
            cachedShard = k;
        }
        return cached;
    }

    @Override
    protected long availableSize() {
        return count;
    }

    @Override
    public void prepare(Progress progress) {
        // Nothing to download or unpack: the directory was opened and its index read in build().
    }

    /** Builds a {@link SimulatedDataset}. */
    public static final class Builder extends BaseBuilder<Builder> {
        private Path directory;
        private Simulator simulator;
        private long count;
        private DataType dtype = DataType.FLOAT32;

        private Builder() {}

        @Override
        protected Builder self() {
            return this;
        }

        /** Reads records from a dataset directory. */
        public Builder optDirectory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** Simulates {@code count} records on the fly with {@code simulator} (no files). */
        public Builder optSimulator(Simulator simulator, long count) {
            this.simulator = simulator;
            this.count = count;
            return this;
        }

        /** Sets the dtype of the arrays handed out (default float32). */
        public Builder optDataType(DataType dtype) {
            this.dtype = dtype;
            return this;
        }

        /**
         * Validates and builds, opening the directory if one was set.
         *
         * @throws IOException if the directory's {@code dataset.json} is missing or malformed
         */
        public SimulatedDataset build() throws IOException {
            if ((directory == null) == (simulator == null)) {
                throw new IllegalArgumentException("set exactly one of a directory or a simulator");
            }
            if (simulator != null && count < 1) {
                throw new IllegalArgumentException(
                        "on-the-fly count must be positive, got " + count);
            }
            return new SimulatedDataset(
                    this, directory != null ? DatasetDirectory.open(directory) : null);
        }
    }
}
