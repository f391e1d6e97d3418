package org.rfrecon.core.device;

import ai.djl.Device;
import java.util.Optional;

/**
 * The bytes PyTorch's tensors hold on a GPU and their high watermark: the figures PyTorch reports
 * as {@code torch.cuda.memory_allocated} and {@code max_memory_allocated}, which DJL does not
 * expose. The device memory in use ({@code cudaMemGetInfo}) is what the caching allocator reserved,
 * rounded up to its segments, not what tensors hold; a benchmark that compares itself with a
 * PyTorch script's {@code max_memory_allocated} needs this.
 */
public interface AllocatorStatistics {

    /** Bytes tensors hold now (-1 if the source refuses to say). */
    long allocatedBytes();

    /**
     * The most bytes tensors held at once since the last {@link #resetPeak}: never below {@link
     * #allocatedBytes}. -1 if the source refuses to say.
     */
    long peakAllocatedBytes();

    /** Starts a new high watermark at the bytes held now. */
    void resetPeak();

    /**
     * The figures of {@code device}'s allocator: CUDA's default memory pool where PyTorch allocates
     * from it ({@link CudaMemoryPool}, the {@code cudaMallocAsync} backend), else libtorch's own
     * statistics through rfrecon's bridge library ({@link TorchMemoryStats}, any backend). Empty on
     * a CPU device, or on a GPU where neither answers.
     */
    static Optional<AllocatorStatistics> of(Device device) {
        Optional<CudaMemoryPool> pool = CudaMemoryPool.of(device);
        if (pool.isPresent()) {
            return Optional.of(pool.get());
        }
        return TorchMemoryStats.of(device).map(s -> s);
    }
}
