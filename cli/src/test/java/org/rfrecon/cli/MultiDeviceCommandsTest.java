package org.rfrecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rfrecon.core.testing.CommandWords.words;

import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --devices N|all} on train and reconstruct: more devices than the machine has is one line
 * and exit 2 before any work; {@code all} on the CPU is the one CPU.
 */
class MultiDeviceCommandsTest {

    @TempDir Path dir;

    private static void assertOneLineDeviceError(Object[] r, String what) {
        assertEquals(2, r[0], what);
        String err = ((String) r[2]).strip();
        assertTrue(
                err.startsWith("rfrecon: error: --devices 3: only 1 cpu device is visible"), err);
        assertEquals(1, err.lines().count(), err);
    }

    @Test
    void trainOnMoreDevicesThanVisibleIsExitTwoAndWritesNothing() {
        Path model = dir.resolve("model");
        Object[] r = CommandLineTest.run(words("train --preset tiny --devices 3 --out {}", model));
        assertOneLineDeviceError(r, "train");
        assertFalse(Files.exists(model), "nothing written");
        r = CommandLineTest.run(words("train --preset tiny --devices 0 --out x"));
        assertEquals(2, r[0]);
        assertTrue(
                ((String) r[2])
                        .contains("--devices 0: device count must be a positive integer or 'all'"));
    }

    @Test
    void reconstructChecksDevicesAndRunsOnAllOfTheCpu() throws Exception {
        Path sim = dir.resolve("sim.npz");
        assertEquals(
                0,
                Main.run("simulate", "--preset", "tiny", "--seed", "5", "--out", sim.toString()));
        Path rec = dir.resolve("rec.npz");
        Object[] r =
                CommandLineTest.run(
                        words("reconstruct --input {} --method cg --devices 3 --out {}", sim, rec));
        assertOneLineDeviceError(r, "reconstruct");
        assertFalse(Files.exists(rec), "nothing written");
        Path json = dir.resolve("rec.json");
        r =
                CommandLineTest.run(
                        words(
                                "reconstruct --input {} --method admm --iters 3 --devices all --out {} --json {}",
                                sim,
                                rec,
                                json));
        assertEquals(0, r[0], (String) r[2]);
        assertEquals(
                1,
                JsonParser.parseString(Files.readString(json))
                        .getAsJsonObject()
                        .get("devices")
                        .getAsInt());
    }
}
