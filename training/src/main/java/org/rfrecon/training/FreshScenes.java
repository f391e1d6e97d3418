package org.rfrecon.training;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.rfrecon.datasets.scene.Seeds;
import org.rfrecon.datasets.sim.BatchSimulator;
import org.rfrecon.datasets.sim.SimulatedBatch;

/**
 * New simulated scenes every epoch, so the number of distinct training scenes grows with the
 * training budget instead of being fixed: position {@code i} of epoch {@code e} is sample {@code i}
 * of the simulator run seeded {@link #epochSeed}{@code (seed, e)}, a pure function of (seed, e, i).
 * A batch is simulated with one forward product ({@link BatchSimulator}; for exact physics the
 * dense matrix built once), on the simulator's device, with nothing kept between steps.
 *
 * <p>The held-out set is drawn from another seed ({@link TrainingSession#HELD_OUT_SEED}) by the
 * per-sample {@link org.rfrecon.datasets.sim.Simulator}; epoch seeds are SplitMix64 hashes of
 * (seed, epoch), so no training scene is a held-out scene.
 *
 * @param simulator makes the batches (owned by the caller)
 * @param seed the run's seed
 * @param perEpoch samples per epoch
 * @param dtype the dtype of the arrays handed out
 */
public record FreshScenes(BatchSimulator simulator, long seed, long perEpoch, DataType dtype)
        implements TrainingData {

    /** The {@link Seeds} stream that derives the seed of one epoch's scenes. */
    public static final int EPOCH_STREAM = 2;

    /** Validates the number of samples per epoch. */
    public FreshScenes {
        if (perEpoch < 1) {
            throw new IllegalArgumentException(
                    "samples per epoch must be positive, got " + perEpoch);
        }
    }

    /** The simulator seed of epoch {@code epoch}'s scenes in a run seeded {@code seed}. */
    public static long epochSeed(long seed, int epoch) {
        return Seeds.derive(seed, epoch, EPOCH_STREAM);
    }

    @Override
    public long size() {
        return perEpoch;
    }

    @Override
    public NDList[] batch(int epoch, int[] positions, NDManager manager) {
        long[] idx = new long[positions.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = positions[i];
        }
        SimulatedBatch b = simulator.simulate(manager, epochSeed(seed, epoch), idx);
        return new NDList[] {
            new NDList(b.measurements().toType(dtype, false)),
            new NDList(b.scenes().toType(dtype, false))
        };
    }
}
