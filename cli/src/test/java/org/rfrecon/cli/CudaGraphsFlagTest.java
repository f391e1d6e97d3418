package org.rfrecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rfrecon.core.testing.CommandWords.words;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --cuda-graphs}: a value other than auto, on or off, or graphs asked for where none
 * can run (the CPU, several devices, no bridge library), is a one-line error with exit code 2
 * before any work, and nothing is written; {@code auto} (the default) trains without them there.
 */
class CudaGraphsFlagTest {

    @Test
    void graphsOnTheCpuAreRefusedBeforeAnyWork(@TempDir Path dir) {
        assertRefusedOnTheCpu("train", dir.resolve("model"));
    }

    @Test
    void anAblationWithGraphsOnTheCpuIsRefusedBeforeAnyWork(@TempDir Path dir) {
        assertRefusedOnTheCpu("ablate", dir.resolve("grid"));
    }

    /** {@code COMMAND --preset tiny --cuda-graphs on}: one line, exit 2, nothing at {@code out}. */
    private static void assertRefusedOnTheCpu(String command, Path out) {
        Object[] r =
                CommandLineTest.run(
                        words(command + " --preset tiny --cuda-graphs on --out {}", out));
        assertEquals(2, r[0]);
        String err = ((String) r[2]).strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains("--cuda-graphs on") && err.contains("GPU"), err);
        assertFalse(Files.exists(out), "the refused " + command + " wrote " + out);
    }

    @Test
    void autoTrainsWithoutGraphsWhereNoneCanRun() {
        assertFalse(Flags.cudaGraphs("auto", List.of(Device.cpu())));
        assertFalse(Flags.cudaGraphs("off", List.of(Device.cpu())));
    }

    @Test
    void aValueOtherThanAutoOnOrOffIsRefused(@TempDir Path dir) {
        Path out = dir.resolve("model");
        Object[] r =
                CommandLineTest.run(words("train --preset tiny --cuda-graphs maybe --out {}", out));
        assertEquals(2, r[0]);
        String err = ((String) r[2]).strip();
        assertTrue(err.contains("--cuda-graphs maybe") && err.contains("auto, on or off"), err);
        assertFalse(Files.exists(out));
    }
}
