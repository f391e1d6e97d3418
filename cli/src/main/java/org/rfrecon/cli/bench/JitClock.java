package org.rfrecon.cli.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * The JIT's accumulated compile time, read by {@link Timings} to warm a CPU case up until the JIT
 * is quiet: until then a case's Java side (DJL's and rfrecon's) runs partly in the JIT's profiling
 * tier while its optimising compiler works through it.
 */
@FunctionalInterface
interface JitClock {

    /** A window of runs is quiet when the JIT compiled for at most this share of it. */
    double QUIET_SHARE = 0.05;

    /** Milliseconds the JIT has spent compiling since the JVM started. */
    long compiledMillis();

    /** Whether the JIT compiled for at most {@link #QUIET_SHARE} of a window of {@code ms}. */
    default boolean quietSince(long compiledBefore, double ms) {
        return compiledMillis() - compiledBefore <= QUIET_SHARE * ms;
    }

    /** This JVM's clock, where it reports compile time (not under {@code -Xint}, say). */
    static Optional<JitClock> ofThisJvm() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return Optional.empty();
        }
        return Optional.of(jit::getTotalCompilationTime);
    }
}
