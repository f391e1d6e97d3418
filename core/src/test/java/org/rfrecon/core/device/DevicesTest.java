package org.rfrecon.core.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

/** {@code --device} resolution and its errors. */
class DevicesTest {

    @Test
    void cpuResolves() {
        assertEquals(Device.cpu(), Devices.resolve("cpu"));
        assertEquals(Device.cpu(), Devices.resolve("CPU"));
    }

    @Test
    void gpuWithoutAGpuIsAClearError() {
        assumeTrue(Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Devices.resolve("gpu"));
        assertTrue(e.getMessage().startsWith("no CUDA GPU"), e.getMessage());
        assertTrue(e.getMessage().contains("docs/gpu.md"), e.getMessage());
    }

    @Test
    void unknownDeviceIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Devices.resolve("tpu"));
    }
}
