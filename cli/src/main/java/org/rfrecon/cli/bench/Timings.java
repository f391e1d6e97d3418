package org.rfrecon.cli.bench;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * Times one evaluation: warm-up runs first (kernel selection, allocator growth and JIT stay out of
 * the numbers), then repeated samples, each ended by a device synchronisation, and the median.
 *
 * <p>Warm-up runs continue for at least {@value #WARMUP_MS} ms ({@value #WARMUP_MS_GPU} ms on a
 * GPU) so that the JIT has compiled DJL's Java side and the GPU has left its idle clocks.
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
     */
    public record Result(double medianMs, int samples) {}

    /** Warm-up runs continue until they have taken at least this long (at most 2000 runs). */
    static final double WARMUP_MS = 300;

    /** On a GPU the JIT needs longer: DJL's per-call Java overhead shrinks about 4x over ~1 s. */
    static final double WARMUP_MS_GPU = 1500;

    private Timings() {}

    /**
     * Measures {@code step}: {@code warmups} runs, then {@code repeats} samples of {@code inner}
     * runs each, where {@code inner} makes a sample last about {@code minSampleMs}, after warm-up
     * runs lasting at least {@code warmupMs} in all. Slow cases (one run over two seconds) take one
     * warm-up and at most three samples.
     */
    public static Result measure(
            Step step, int warmups, int repeats, double minSampleMs, double warmupMs)
            throws Exception {
        double first = timeOnce(step, 1);
        if (first > 2000) {
            warmups = 1;
            repeats = Math.min(repeats, 3);
        }
        // warm up by count and by time: the JIT compiles DJL's Java side, the GPU raises clocks
        double last = first;
        double spent = first;
        for (int w = 1; w < 2000 && (w < warmups || spent < warmupMs); w++) {
            last = timeOnce(step, 1);
            spent += last;
        }
        int inner = (int) Math.max(1, Math.min(200, Math.ceil(minSampleMs / Math.max(last, 1e-3))));
        double[] t = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            t[r] = timeOnce(step, inner) / inner;
        }
        Arrays.sort(t);
        double median =
                repeats % 2 == 1 ? t[repeats / 2] : 0.5 * (t[repeats / 2 - 1] + t[repeats / 2]);
        return new Result(median, repeats);
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
