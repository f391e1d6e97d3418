package org.rfrecon.cli.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.cuda.CudaUtils;
import java.util.Optional;
import java.util.Random;
import org.rfrecon.core.device.AllocatorStatistics;

/**
 * What every case needs: the manager on the bench device, the timing settings, a random source and
 * the device-memory probe.
 *
 * @param manager the suite's manager, on {@code device}; each case works in a sub-manager of it
 * @param device the device the bench runs on
 * @param warmups warm-up runs per case
 * @param repeats timed samples per case
 * @param minSampleMs a sample repeats a short evaluation until it lasts about this long
 * @param rng inputs are drawn from it (never zeros)
 */
public record BenchContext(
        NDManager manager,
        Device device,
        int warmups,
        int repeats,
        double minSampleMs,
        Random rng) {

    /**
     * The settings of a slow case (an ADMM solve, a training step): one warm-up and at most five
     * samples, each a single evaluation; the same manager, device and random source.
     */
    public BenchContext slow() {
        return new BenchContext(manager, device, 1, Math.min(5, repeats), 0, rng);
    }

    /**
     * Starts a memory measurement: on a GPU, returns PyTorch's caching allocator to the driver and
     * reads the device memory in use and, where the allocator's figures can be read ({@link
     * AllocatorStatistics}: the {@code cudaMallocAsync} backend, or rfrecon's bridge library), the
     * bytes tensors hold; elsewhere {@link MemoryMark#NONE} (memory is then counted from shapes).
     */
    public MemoryMark memoryBegin() {
        if (!device.isGpu()) {
            return MemoryMark.NONE;
        }
        try {
            JniUtils.emptyCudaCache();
            long allocated =
                    AllocatorStatistics.of(device)
                            .map(AllocatorStatistics::allocatedBytes)
                            .orElse(-1L);
            return new MemoryMark(CudaUtils.getGpuMemory(device).getUsed(), allocated);
        } catch (RuntimeException | LinkageError e) {
            return MemoryMark.NONE;
        }
    }

    /**
     * Times {@code step} and builds its row. The peak bytes are the device memory taken since
     * {@code base} (measured after the case, which the caching allocator never gives back within
     * it) when {@code base} has a reading, otherwise {@code counted}; under the {@code
     * cudaMallocAsync} backend or with rfrecon's bridge library loaded ({@link
     * AllocatorStatistics}) the row also carries the peak of the bytes tensors held during the case
     * above those held at {@code base} (PyTorch's {@code max_memory_allocated} measure).
     *
     * <p>Before the case, the allocator's cache is emptied, so that each row is measured from its
     * own start: what building the operator left cached (the dense matrix's construction, say) and
     * what an earlier row of the same operator reserved (the forward before the adjoint) are not
     * counted again. A measured figure of zero or less (the case fitted in blocks reserved before
     * it) is not a measurement of the case: the row then reports {@code counted}, marked so.
     */
    public BenchRow row(String name, Timings.Step step, double flop, long counted, MemoryMark base)
            throws Exception {
        Optional<AllocatorStatistics> pool =
                base.allocated() >= 0 ? AllocatorStatistics.of(device) : Optional.empty();
        if (base.reserved() >= 0) {
            try {
                JniUtils.emptyCudaCache();
            } catch (RuntimeException | LinkageError e) {
                // no cache to empty: the reading below still holds
            }
        }
        pool.ifPresent(AllocatorStatistics::resetPeak);
        Timings.Result r =
                Timings.measure(step, warmups, repeats, minSampleMs, Timings.Warmup.of(device));
        long peak = counted;
        boolean measured = false;
        if (base.reserved() >= 0) {
            try {
                long used = CudaUtils.getGpuMemory(device).getUsed() - base.reserved();
                if (used > 0) {
                    peak = used;
                    measured = true;
                }
            } catch (RuntimeException | LinkageError e) {
                peak = counted;
            }
        }
        long allocatedPeak =
                pool.map(p -> p.peakAllocatedBytes() - base.allocated())
                        .filter(b -> b >= 0)
                        .orElse(-1L);
        return new BenchRow(
                name,
                r.medianMs(),
                flop,
                peak,
                measured,
                Double.NaN,
                r.samples(),
                allocatedPeak,
                r.warmupMs());
    }

    /**
     * The readings a memory measurement starts from.
     *
     * @param reserved device memory in use, bytes (-1: no reading, memory is counted)
     * @param allocated bytes tensors hold, where {@link AllocatorStatistics} reads them (-1
     *     elsewhere)
     */
    public record MemoryMark(long reserved, long allocated) {
        /** No reading: a CPU, or a GPU whose memory cannot be read. */
        public static final MemoryMark NONE = new MemoryMark(-1, -1);
    }
}
