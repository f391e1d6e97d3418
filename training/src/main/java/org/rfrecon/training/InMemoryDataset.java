package org.rfrecon.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.util.Progress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A dataset materialised once: every record of a source dataset is computed (simulated) at
 * construction and kept in this dataset's own manager, so epochs re-read memory instead of
 * re-simulating (exact-physics simulation costs about a second per {@code small} sample). Records
 * handed out are copies in the caller's manager.
 */
public final class InMemoryDataset extends RandomAccessDataset implements AutoCloseable {

    private final NDManager manager;
    private final List<Record> records = new ArrayList<>();

    /** Materialises {@code source} into a sub-manager of {@code parent}. */
    public InMemoryDataset(RandomAccessDataset source, NDManager parent) throws IOException {
        super(new Builder().setSampling(1, false));
        this.manager = parent.newSubManager();
        for (long i = 0; i < source.size(); i++) {
            Record r = source.get(manager, i);
            records.add(r);
        }
    }

    @Override
    public Record get(NDManager m, long index) {
        Record r = records.get(Math.toIntExact(index));
        return new Record(copy(r.getData(), m), copy(r.getLabels(), m));
    }

    private static NDList copy(NDList list, NDManager m) {
        NDList out = new NDList();
        for (NDArray a : list) {
            NDArray c = a.duplicate();
            c.attach(m);
            out.add(c);
        }
        return out;
    }

    @Override
    protected long availableSize() {
        return records.size();
    }

    @Override
    public void prepare(Progress progress) {}

    /** Frees the materialised records. */
    @Override
    public void close() {
        manager.close();
    }

    private static final class Builder extends BaseBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
