package org.rfrecon.core.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --devices N|all}: the CPU is one device; asking for more is a one-line error. */
class DeviceListsTest {

    @Test
    void oneAndAllOnTheCpuAreTheCpu() {
        assertEquals(List.of(Device.cpu()), DeviceLists.resolve("cpu", "1"));
        assertEquals(List.of(Device.cpu()), DeviceLists.resolve("cpu", "all"));
        assertEquals(List.of(Device.cpu()), DeviceLists.resolve("CPU", " ALL "));
    }

    @Test
    void moreDevicesThanVisibleIsOneLineNamingTheOption() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> DeviceLists.resolve("cpu", "3"));
        assertTrue(
                e.getMessage()
                        .startsWith("only 1 cpu device is visible to DJL's engine, 3 asked for"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void malformedCountsAreRejected() {
        for (String bad : new String[] {"0", "-2", "two", ""}) {
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class, () -> DeviceLists.resolve("cpu", bad));
            assertTrue(e.getMessage().startsWith("device count must be"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> DeviceLists.resolve("tpu", "1"));
    }
}
