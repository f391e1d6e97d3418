package org.rfrecon.core.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * libtorch's allocator figures through the bridge: none on the CPU; on a GPU with the bridge
 * loaded, a tensor of a random size raises the allocated bytes by its size while it lives, the peak
 * remembers it after it is freed, and a reset forgets it.
 */
class TorchMemoryStatsTest {

    @Test
    void aCpuDeviceHasNoAllocatorFigures() {
        assertTrue(TorchMemoryStats.of(Device.cpu()).isEmpty());
        assertTrue(AllocatorStatistics.of(Device.cpu()).isEmpty());
    }

    static boolean bridgeOnGpu() {
        return Engine.getInstance().getGpuCount() > 0
                && TorchMemoryStats.of(Device.gpu()).isPresent();
    }

    @Test
    @EnabledIf("bridgeOnGpu")
    void aTensorsBytesAreCountedWhileItLivesAndInThePeak() {
        TorchMemoryStats stats = TorchMemoryStats.of(Device.gpu()).orElseThrow();
        // a size no cached block fits exactly: 40-60 MiB of float32
        long elements = (10L << 20) + ThreadLocalRandom.current().nextLong(5L << 20);
        long bytes = elements * Float.BYTES;
        try (NDManager m = NDManager.newBaseManager(Device.gpu())) {
            // whatever the first draw on the device sets up lazily is not the tensor's
            m.randomNormal(new Shape(16), DataType.FLOAT32).close();
            stats.resetPeak();
            long before = stats.allocatedBytes();
            NDArray a = m.randomNormal(new Shape(elements), DataType.FLOAT32);
            long during = stats.allocatedBytes();
            assertTrue(during - before >= bytes, (during - before) + " < " + bytes);
            assertTrue(stats.reservedBytes() >= during);
            a.close();
            long after = stats.allocatedBytes();
            assertEquals(before, after, "the tensor's bytes are freed with it");
            assertTrue(stats.peakAllocatedBytes() >= during);
            stats.resetPeak();
            assertTrue(stats.peakAllocatedBytes() < during, "the reset forgets the freed tensor");
            assertTrue(stats.peakReservedBytes() >= stats.reservedBytes());
        }
    }
}
