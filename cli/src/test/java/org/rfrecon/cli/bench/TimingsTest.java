package org.rfrecon.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.testing.BaseManagerFixture;

/**
 * The warm-up of {@link Timings#measure}: after its minimum, JIT windows run until one in which the
 * JIT was quiet, or until the warm-up's limit; a warm-up without windows never reads the JIT. The
 * JIT is a scripted clock, so the windows are counted, not timed.
 */
class TimingsTest extends BaseManagerFixture {

    /** Reports 1000 ms more compiling at each of its first {@code busyReads} reads, then none. */
    private static final class ScriptedJit implements JitClock {
        private final int busyReads;
        private int reads;

        ScriptedJit(int busyReads) {
            this.busyReads = busyReads;
        }

        @Override
        public long compiledMillis() {
            reads++;
            return 1000L * Math.min(reads, busyReads);
        }

        /** Each window reads the clock twice, before and after its runs. */
        int windows() {
            return reads / 2;
        }
    }

    private static Timings.Result measure(Timings.Warmup warmup, ScriptedJit jit) throws Exception {
        return Timings.measure(
                () -> manager.zeros(new Shape(4)), 1, 3, 0, warmup, Optional.of(jit));
    }

    @Test
    void windowsRunUntilOneIsQuiet() throws Exception {
        Timings.Warmup warmup = new Timings.Warmup(1, 2, 60_000);
        ScriptedJit quietAtOnce = new ScriptedJit(1);
        measure(warmup, quietAtOnce);
        assertEquals(1, quietAtOnce.windows(), "a JIT quiet from the start: one window");
        // busy in windows 1 and 2 (reads 1-4 advance), quiet in window 3 (reads 5 and 6 agree)
        ScriptedJit busyTwice = new ScriptedJit(5);
        Timings.Result r = measure(warmup, busyTwice);
        assertEquals(3, busyTwice.windows(), "two busy windows, then the quiet one");
        assertEquals(3, r.samples());
    }

    @Test
    void windowsStopAtTheLimitWhenTheJitNeverQuietens() throws Exception {
        Timings.Warmup warmup = new Timings.Warmup(1, 2, 20);
        ScriptedJit alwaysBusy = new ScriptedJit(Integer.MAX_VALUE);
        Timings.Result r = measure(warmup, alwaysBusy);
        assertTrue(alwaysBusy.windows() >= 1, "at least one window ran");
        assertTrue(r.warmupMs() >= 20, "the windows ran to the limit: " + r.warmupMs() + " ms");
    }

    @Test
    void aWarmupWithoutWindowsNeverReadsTheJit() throws Exception {
        ScriptedJit jit = new ScriptedJit(Integer.MAX_VALUE);
        measure(new Timings.Warmup(1, 0, 1), jit);
        assertEquals(0, jit.reads, "the GPU's warm-up has no JIT windows");
        assertEquals(0, Timings.Warmup.GPU.windowMs(), 0);
        assertTrue(Timings.Warmup.CPU.windowMs() > 0);
    }
}
