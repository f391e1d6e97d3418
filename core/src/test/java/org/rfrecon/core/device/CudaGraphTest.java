package org.rfrecon.core.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where CUDA graphs cannot run, {@link CudaGraph} says why in one line and refuses to make one.
 * Capture and replay themselves need a GPU and the bridge library: the bench's {@code
 * train-step-graphed} rows compare a replayed step's gradients with the eager step's there.
 */
class CudaGraphTest {

    @Test
    void aCpuDeviceHasNoGraphs() {
        Optional<String> why = CudaGraph.unavailability(Device.cpu());
        assertTrue(why.isPresent());
        assertTrue(why.get().contains("GPU"), why.get());
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> CudaGraph.create(Device.cpu()));
        assertEquals(why.get(), e.getMessage());
    }

    @Test
    void aMissingOrBrokenBridgeLibraryIsNamed(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nowhere").resolve("librfrecon_cuda_graphs.so");
        Path broken = Files.writeString(dir.resolve("librfrecon_cuda_graphs.so"), "not ELF");
        String old = System.getProperty(CudaGraph.LIBRARY_PROPERTY);
        try {
            System.setProperty(CudaGraph.LIBRARY_PROPERTY, missing.toString());
            String why = CudaGraph.unavailability(Device.gpu()).orElseThrow();
            assertTrue(why.contains(missing.toString()) && why.contains("does not exist"), why);
            assertEquals(1, why.lines().count(), why);
            assertThrows(IllegalStateException.class, () -> CudaGraph.create(Device.gpu()));

            System.setProperty(CudaGraph.LIBRARY_PROPERTY, broken.toString());
            why = CudaGraph.unavailability(Device.gpu()).orElseThrow();
            assertTrue(why.contains("could not be loaded") && why.contains("docs/gpu.md"), why);
            assertEquals(1, why.lines().count(), why);
        } finally {
            if (old == null) {
                System.clearProperty(CudaGraph.LIBRARY_PROPERTY);
            } else {
                System.setProperty(CudaGraph.LIBRARY_PROPERTY, old);
            }
        }
    }
}
