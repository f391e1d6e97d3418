package org.rfrecon.cli.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.Optional;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * Times one evaluation: warm-up runs first (kernel selection, allocator growth and JIT stay out of
 * the numbers), then repeated samples, each ended by a device synchronisation, and the median.
 *
 * <p>Warm-up runs continue for at least 300 ms (1.5 s on a GPU) so that the GPU has left its idle
 * clocks, and on the CPU then until the JIT is quiet ({@link Warmup#CPU}): a case's first thousands
 * of calls run DJL's and rfrecon's Java side in the JIT's profiling tier while its optimising
 * compiler works through them (about 1.5 s for a seed-2d forward, the first case on its operator,
 * on two cores), and the peers it is compared with (NumPy, PyTorch eager) have no JIT to wait for.
 *
 * <p>Synchronisation: DJL has no explicit stream sync, so on a GPU each sample ends by copying one
 * element of the result (real and imaginary part) to the host, which waits for every kernel queued
 * before it on the stream; on the CPU, where every operation has finished when it returns, nothing
 * is read. A sample of a very short evaluation runs it several times back to back and divides, so
 * that the synchronising copy (tens of microseconds on a GPU) is not mistaken for work.
 */
public final class Timings {

    /** One evaluation of a case; returns its result, which the timer synchronises on and closes. */
    @FunctionalInterface
    public interface Step {
        /** Runs the evaluation once. */
        AutoCloseable run() throws Exception;
    }

    /**
     * Median time and sample count.
     *
     * @param medianMs median wall time of one evaluation
     * @param samples how many samples were taken
     * @param warmupMs how long the warm-up runs took in all (the first run included)
     */
    public record Result(double medianMs, int samples, double warmupMs) {}

    /**
     * How long warm-up runs go on before the samples: at least {@code minMs} in all (and the case's
     * warm-up count, within at most 2000 runs), then, where {@code windowMs} is positive, in
     * windows of that length until one in which the JIT was quiet ({@link JitClock#quietSince}: it
     * compiled for at most 5% of the window), or until warm-up has taken {@code maxMs}.
     *
     * @param minMs the shortest warm-up, in milliseconds of the case's runs
     * @param windowMs the length of a JIT window; 0 for none
     * @param maxMs no window starts after warm-up has taken this long
     */
    public record Warmup(double minMs, double windowMs, double maxMs) {

        /**
         * The CPU's: at least 300 ms, then until the JIT is quiet, for at most 4 s in all. The
         * first case on an operator waits longest (docs/benchmarks.md has the figures); the cases
         * after it, whose code is mostly compiled, a window or two.
         */
        public static final Warmup CPU = new Warmup(300, 200, 4000);

        /**
         * The GPU's: at least 1.5 s (DJL's per-call Java overhead shrinks about 4x over about 1 s,
         * and the GPU leaves its idle clocks), and no JIT windows, so that every recorded GPU
         * figure keeps the warm-up it was measured with.
         */
        public static final Warmup GPU = new Warmup(1500, 0, 1500);

        /** The warm-up for {@code device}. */
        public static Warmup of(Device device) {
            return device.isGpu() ? GPU : CPU;
        }
    }

    private Timings() {}

    /**
     * Measures {@code step}: {@code warmups} runs, then {@code repeats} samples of {@code inner}
     * runs each, where {@code inner} makes a sample last about {@code minSampleMs}, after warm-up
     * runs as {@code warmup} says. Slow cases (one run over two seconds) take one warm-up and at
     * most three samples.
     */
    public static Result measure(
            Step step, int warmups, int repeats, double minSampleMs, Warmup warmup)
            throws Exception {
        return measure(step, warmups, repeats, minSampleMs, warmup, JitClock.ofThisJvm());
    }

    /** {@link #measure} with the JIT's compile time read from {@code jit} (empty: no windows). */
    static Result measure(
            Step step,
            int warmups,
            int repeats,
            double minSampleMs,
            Warmup warmup,
            Optional<JitClock> jit)
            throws Exception {
        double first = timeOnce(step, 1);
        boolean slow = first > 2000;
        if (slow) {
            warmups = 1;
            repeats = Math.min(repeats, 3);
        }
        // warm up by count and by time: the JIT compiles DJL's Java side, the GPU raises clocks
        double last = first;
        double spent = first;
        for (int w = 1; w < 2000 && (w < warmups || spent < warmup.minMs()); w++) {
            last = timeOnce(step, 1);
            spent += last;
        }
        // then until the JIT is quiet for one window
        boolean quiet = slow || warmup.windowMs() <= 0 || jit.isEmpty();
        while (!quiet && spent < warmup.maxMs()) {
            long compiledBefore = jit.get().compiledMillis();
            double window = 0;
            while (window < warmup.windowMs()) {
                last = timeOnce(step, 1);
                window += last;
            }
            spent += window;
            quiet = jit.get().quietSince(compiledBefore, window);
        }
        int inner = (int) Math.max(1, Math.min(200, Math.ceil(minSampleMs / Math.max(last, 1e-3))));
        double[] t = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            t[r] = timeOnce(step, inner) / inner;
        }
        Arrays.sort(t);
        double median =
                repeats % 2 == 1 ? t[repeats / 2] : 0.5 * (t[repeats / 2 - 1] + t[repeats / 2]);
        return new Result(median, repeats, spent);
    }

    private static double timeOnce(Step step, int inner) throws Exception {
        long t0 = System.nanoTime();
        for (int k = 0; k < inner; k++) {
            AutoCloseable out = step.run();
            if (k == inner - 1) {
                sync(out);
            }
            out.close();
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    /** Waits for the device by reading one element of {@code out} on the host. */
    public static void sync(Object out) {
        if (out instanceof ComplexTensor c) {
            readOne(c.re());
            readOne(c.im());
        } else if (out instanceof NDArray a) {
            readOne(a);
        } else {
            throw new IllegalArgumentException("cannot synchronise on " + out);
        }
    }

    private static void readOne(NDArray a) {
        if (!a.getDevice().isGpu()) {
            // libtorch's CPU operations are synchronous: the result is complete when the call
            // returns, and a read would add six DJL calls to every sample (a fifth of a seed-2d
            // forward), which NumPy's timings do not carry
            return;
        }
        try (NDArray flat = a.reshape(-1);
                NDArray one = flat.get(0);
                NDArray host = one.toType(ai.djl.ndarray.types.DataType.FLOAT64, false)) {
            host.toDoubleArray();
        }
    }
}
