package org.rfrecon.core.device;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

/** Which allocator configurations select the pool, and that a CPU has none. */
class CudaMemoryPoolTest {

    @Test
    void onlyTheAsyncBackendSelectsThePool() {
        assertTrue(CudaMemoryPool.asyncBackendSelected("backend:cudaMallocAsync"));
        assertTrue(
                CudaMemoryPool.asyncBackendSelected(
                        "expandable_segments:False, backend : cudaMallocAsync"));
        assertFalse(CudaMemoryPool.asyncBackendSelected(null));
        assertFalse(CudaMemoryPool.asyncBackendSelected(""));
        assertFalse(CudaMemoryPool.asyncBackendSelected("backend:native"));
        assertFalse(CudaMemoryPool.asyncBackendSelected("expandable_segments:True"));
        assertFalse(CudaMemoryPool.asyncBackendSelected("cudaMallocAsync"));
    }

    @Test
    void aCpuHasNoPool() {
        assertTrue(CudaMemoryPool.of(Device.cpu()).isEmpty());
    }
}
