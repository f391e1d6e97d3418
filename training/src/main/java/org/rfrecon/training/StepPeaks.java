package org.rfrecon.training;

import java.util.ArrayList;
import java.util.List;

/**
 * The peak memory of one training step as {@code rfrecon bench} reports it: the first step is a
 * warm-up (it also allocates one-time state: the optimiser's moments, the engine's caches and
 * thread pools, so its peak depends on what ran before in the process, tenfold between two seeds of
 * one variant), and the value is the median of the steps after it; the first step's alone when only
 * one ran; -1 when none was measured.
 */
final class StepPeaks {

    private long warmUp = -1;
    private final List<Long> after = new ArrayList<>();

    /** Records one step's peak; a negative peak (not measured) is ignored. */
    void add(long peak) {
        if (peak < 0) {
            return;
        }
        if (warmUp < 0) {
            warmUp = peak;
        } else {
            after.add(peak);
        }
    }

    /** The median peak after the warm-up step (see the class comment). */
    long value() {
        if (after.isEmpty()) {
            return warmUp;
        }
        long[] p = after.stream().mapToLong(Long::longValue).sorted().toArray();
        return p[p.length / 2];
    }
}
