package org.rfrecon.core.device;

import ai.djl.Device;
import java.util.Arrays;
import java.util.Optional;

/**
 * libtorch's own CUDA allocator statistics for one device ({@code
 * c10::cuda::CUDACachingAllocator::getDeviceStats}, what {@code torch.cuda.memory_stats} reads),
 * reached through rfrecon's bridge library ({@code native/cuda-graphs}; {@link CudaGraph} says how
 * it is found). They count every pool of the allocator, the private pools of CUDA graphs included:
 * a tensor a graph's capture freed is not allocated, but its block stays reserved for the graph's
 * replays.
 *
 * <p>{@link #of} is empty on a CPU device, where the bridge is not loaded, or where the loaded
 * bridge predates these functions.
 */
public final class TorchMemoryStats implements AllocatorStatistics {

    private static final int ALLOCATED = 0;
    private static final int ALLOCATED_PEAK = 1;
    private static final int RESERVED = 2;
    private static final int RESERVED_PEAK = 3;

    private final CudaGraph.Bridge lib;
    private final int device;

    private TorchMemoryStats(CudaGraph.Bridge lib, int device) {
        this.lib = lib;
        this.device = device;
    }

    /** The statistics of {@code device}, where the bridge loads and answers. */
    public static Optional<TorchMemoryStats> of(Device device) {
        if (!device.isGpu()) {
            return Optional.empty();
        }
        return CudaGraph.loadedBridge()
                .map(lib -> new TorchMemoryStats(lib, device.getDeviceId()))
                .filter(s -> s.read()[ALLOCATED] >= 0);
    }

    @Override
    public long allocatedBytes() {
        return read()[ALLOCATED];
    }

    @Override
    public long peakAllocatedBytes() {
        return read()[ALLOCATED_PEAK];
    }

    /** Bytes the allocator holds from the driver now: tensors, cached blocks and graph pools. */
    public long reservedBytes() {
        return read()[RESERVED];
    }

    /** The most bytes the allocator held since the last {@link #resetPeak}. */
    public long peakReservedBytes() {
        return read()[RESERVED_PEAK];
    }

    /** Starts new peaks, allocated and reserved, at the bytes held now. */
    @Override
    public void resetPeak() {
        try {
            lib.rf_cg_reset_peak_memory(device);
        } catch (UnsatisfiedLinkError e) {
            // a bridge built before these functions: of() has already refused it
        }
    }

    /** The four figures, each -1 where the bridge refuses or lacks the function. */
    private long[] read() {
        long[] out = new long[4];
        try {
            if (lib.rf_cg_memory_stats(device, out) == 0) {
                return out;
            }
        } catch (UnsatisfiedLinkError e) {
            // a bridge built before this function
        }
        Arrays.fill(out, -1);
        return out;
    }
}
