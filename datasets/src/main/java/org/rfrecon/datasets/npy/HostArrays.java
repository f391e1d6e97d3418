package org.rfrecon.datasets.npy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/** Batching helpers for {@link HostArray}s: stack along a new first axis, and take one item. */
public final class HostArrays {

    private HostArrays() {}

    /**
     * Stacks arrays of one dtype and shape along a new first axis.
     *
     * @throws IllegalArgumentException if the list is empty or dtypes or shapes differ
     */
    public static HostArray stack(List<HostArray> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("nothing to stack");
        }
        HostArray first = items.get(0);
        int each = first.data().remaining();
        ByteBuffer out = ByteBuffer.allocate(Math.multiplyExact(each, items.size()));
        for (HostArray h : items) {
            if (h.dtype() != first.dtype() || !Arrays.equals(h.shape(), first.shape())) {
                throw new IllegalArgumentException(
                        "cannot stack " + h.describe() + " onto " + first.describe());
            }
            out.put(h.data());
        }
        out.flip();
        long[] shape = new long[first.shape().length + 1];
        shape[0] = items.size();
        System.arraycopy(first.shape(), 0, shape, 1, shape.length - 1);
        return HostArray.of(first.dtype(), shape, out);
    }

    /** Item {@code i} along the first axis of {@code batch}. */
    public static HostArray item(HostArray batch, long i) {
        long[] shape = batch.shape();
        if (shape.length == 0 || i < 0 || i >= shape[0]) {
            throw new IndexOutOfBoundsException("item " + i + " of " + batch.describe());
        }
        long[] rest = Arrays.copyOfRange(shape, 1, shape.length);
        int each = (int) (batch.data().remaining() / shape[0]);
        ByteBuffer d = batch.data();
        d.position((int) (i * each)).limit((int) ((i + 1) * each));
        return HostArray.of(batch.dtype(), rest, d);
    }
}
