package org.rfrecon.core.device;

import ai.djl.Device;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live (allocated) bytes of PyTorch's tensors on a GPU and their high watermark, where PyTorch
 * allocates from CUDA's stream-ordered allocator ({@code
 * PYTORCH_CUDA_ALLOC_CONF=backend:cudaMallocAsync}).
 *
 * <p>DJL exposes no allocator statistics: {@code torch.cuda.max_memory_allocated} has no C API, and
 * the device memory in use ({@code cudaMemGetInfo}) is what PyTorch's default caching allocator
 * reserved, not what its tensors hold. With the {@code cudaMallocAsync} backend, PyTorch takes
 * every tensor from the device's default memory pool and returns it there when it is freed; the
 * pool's {@code cudaMemPoolAttrUsedMemCurrent} and {@code cudaMemPoolAttrUsedMemHigh} are then
 * exactly the allocated bytes and their peak, the figures PyTorch itself reports as {@code
 * memory_allocated} and {@code max_memory_allocated} under that backend. They are read here through
 * the CUDA runtime's C API (JNA), beside DJL.
 *
 * <p>{@link #of} is empty where the backend is not selected (the default caching allocator keeps
 * the pool empty), where the CUDA runtime cannot be loaded, or for a CPU device.
 */
public final class CudaMemoryPool implements AllocatorStatistics {

    /** The environment variable that selects PyTorch's CUDA allocator. */
    public static final String ALLOC_CONF = "PYTORCH_CUDA_ALLOC_CONF";

    // cudaMemPoolAttr (CUDA runtime API, driver_types.h)
    private static final int USED_MEM_CURRENT = 0x7;
    private static final int USED_MEM_HIGH = 0x8;

    // the backend is chosen once per process: each device's pool is looked up once
    private static final Map<Integer, Optional<CudaMemoryPool>> POOLS = new ConcurrentHashMap<>();

    private final CudaRuntime cuda;
    private final Pointer pool;

    private CudaMemoryPool(CudaRuntime cuda, Pointer pool) {
        this.cuda = cuda;
        this.pool = pool;
    }

    /**
     * The default memory pool of {@code device}, if PyTorch allocates from it ({@link
     * #asyncBackendSelected}) and the CUDA runtime answers.
     */
    public static Optional<CudaMemoryPool> of(Device device) {
        if (!device.isGpu() || !asyncBackendSelected(System.getenv(ALLOC_CONF))) {
            return Optional.empty();
        }
        return POOLS.computeIfAbsent(device.getDeviceId(), CudaMemoryPool::lookUp);
    }

    private static Optional<CudaMemoryPool> lookUp(int deviceId) {
        try {
            CudaRuntime cuda = Native.load("cudart", CudaRuntime.class);
            PointerByReference pool = new PointerByReference();
            if (cuda.cudaDeviceGetDefaultMemPool(pool, deviceId) != 0 || pool.getValue() == null) {
                return Optional.empty();
            }
            CudaMemoryPool p = new CudaMemoryPool(cuda, pool.getValue());
            return p.read(USED_MEM_CURRENT) >= 0 ? Optional.of(p) : Optional.empty();
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether an allocator configuration ({@link #ALLOC_CONF}'s value, may be null) selects the
     * {@code cudaMallocAsync} backend.
     */
    static boolean asyncBackendSelected(String conf) {
        if (conf == null) {
            return false;
        }
        for (String option : conf.split(",")) {
            String[] kv = option.split(":", 2);
            if (kv.length == 2
                    && kv[0].trim().equals("backend")
                    && kv[1].trim().equals("cudaMallocAsync")) {
                return true;
            }
        }
        return false;
    }

    /** Bytes of the pool that tensors hold now (-1 if the runtime refuses to say). */
    @Override
    public long allocatedBytes() {
        return read(USED_MEM_CURRENT);
    }

    /**
     * The most bytes tensors held at once since the last {@link #resetPeak} (or since the pool was
     * made): never below {@link #allocatedBytes}. -1 if the runtime refuses to say.
     */
    @Override
    public long peakAllocatedBytes() {
        long high = read(USED_MEM_HIGH);
        long now = read(USED_MEM_CURRENT);
        return high < 0 || now < 0 ? -1 : Math.max(high, now);
    }

    /**
     * Starts a new high watermark (CUDA resets it to zero; {@link #peakAllocatedBytes} reads at
     * least the bytes held now).
     */
    @Override
    public void resetPeak() {
        cuda.cudaMemPoolSetAttribute(pool, USED_MEM_HIGH, new LongByReference(0));
    }

    private long read(int attribute) {
        LongByReference v = new LongByReference();
        return cuda.cudaMemPoolGetAttribute(pool, attribute, v) == 0 ? v.getValue() : -1;
    }

    /** The three functions of the CUDA runtime this needs. */
    interface CudaRuntime extends Library {
        int cudaDeviceGetDefaultMemPool(PointerByReference pool, int device);

        int cudaMemPoolGetAttribute(Pointer pool, int attribute, LongByReference value);

        int cudaMemPoolSetAttribute(Pointer pool, int attribute, LongByReference value);
    }
}
