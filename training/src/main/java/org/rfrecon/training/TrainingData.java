package org.rfrecon.training;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.translate.Batchifier;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Where a training run's batches come from: {@link #size()} samples an epoch, and the samples at
 * given positions of a given epoch. A sample must be a pure function of (epoch, position) and the
 * source's own configuration, so that {@code (seed, epoch, step)} stays the whole RNG state of a
 * run and {@code --resume} is exact ({@link ReconTrainer}).
 */
public interface TrainingData {

    /** Samples per epoch. */
    long size();

    /**
     * The samples at {@code positions} of epoch {@code epoch}, stacked: {@code {inputs, labels}},
     * each a one-array NDList with a leading batch axis, owned by {@code manager}.
     */
    NDList[] batch(int epoch, int[] positions, NDManager manager);

    /** The same records every epoch: record {@code positions[i]} of {@code dataset}. */
    static TrainingData fixed(RandomAccessDataset dataset) {
        return new TrainingData() {
            @Override
            public long size() {
                return dataset.size();
            }

            @Override
            public NDList[] batch(int epoch, int[] positions, NDManager manager) {
                NDList[] inputs = new NDList[positions.length];
                NDList[] labels = new NDList[positions.length];
                for (int i = 0; i < positions.length; i++) {
                    Record r;
                    try {
                        r = dataset.get(manager, positions[i]);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    inputs[i] = r.getData();
                    labels[i] = r.getLabels();
                }
                return new NDList[] {
                    Batchifier.STACK.batchify(inputs), Batchifier.STACK.batchify(labels)
                };
            }
        };
    }
}
