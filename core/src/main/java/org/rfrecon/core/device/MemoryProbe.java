package org.rfrecon.core.device;

/**
 * Records the peak of {@link NativeMemory#liveBytes()} over the sample points of a computation:
 * code calls {@link #sample()} where memory may peak (after a forward pass, after each recomputed
 * segment); a measurement opens a probe, runs, and reads {@link #peakAboveStart()}. Thread-local;
 * without an open probe {@link #sample()} costs one thread-local read.
 */
public final class MemoryProbe implements AutoCloseable {

    private static final ThreadLocal<MemoryProbe> CURRENT = new ThreadLocal<>();

    private final long start;
    private long peak;
    private final MemoryProbe outer;

    private MemoryProbe() {
        this.start = NativeMemory.liveBytes();
        this.peak = start;
        this.outer = CURRENT.get();
        CURRENT.set(this);
    }

    /** Opens a probe on this thread. */
    public static MemoryProbe open() {
        return new MemoryProbe();
    }

    /** Samples live memory into the open probe, if any. */
    public static void sample() {
        MemoryProbe p = CURRENT.get();
        if (p != null) {
            long now = NativeMemory.liveBytes();
            for (MemoryProbe q = p; q != null; q = q.outer) {
                q.peak = Math.max(q.peak, now);
            }
        }
    }

    /** The highest sample minus live memory when the probe opened (-1 if unknown). */
    public long peakAboveStart() {
        return start < 0 ? -1 : peak - start;
    }

    @Override
    public void close() {
        CURRENT.set(outer);
    }
}
