package org.rfrecon.datasets.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flips and truncates bytes of valid NPY and NPZ files in a loop with a fixed seed: every case must
 * either read or end in {@link NpyFormatException} with a one-line message naming the file; never
 * another exception type, a crash or a hang (the timeout guards the loop). A truncated file must
 * always fail. A corrupted file that still reads must be one whose damage no reader can see: for
 * NPY, flipped data bytes (the dtype and shape are the original's); for NPZ, whose members carry
 * CRC-32s, bytes outside the arrays (e.g. a timestamp), so the arrays read are the original's.
 */
class CorruptionTest {

    private static final long SEED = 20251125L;
    private static final int CASES = 400;

    @TempDir Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void corruptedNpzFailsClearly() throws Exception {
        Random rng = new Random(SEED);
        Map<String, HostArray> original = NpzTest.sample(new Random(1));
        byte[] valid = Npz.toBytes(original);
        Path f = dir.resolve("c.npz");
        int failures = 0;
        for (int c = 0; c < CASES; c++) {
            byte[] b = mutate(valid, rng);
            Files.write(f, b);
            try {
                Map<String, HostArray> read = Npz.read(f);
                assertTrue(b.length == valid.length, "case " + c + ": a truncated archive read");
                assertEquals(
                        List.copyOf(original.values()),
                        List.copyOf(read.values()),
                        "case " + c + ": corrupted arrays read without an error");
            } catch (NpyFormatException e) {
                failures++;
                assertTrue(
                        e.getMessage().startsWith(f.toString()),
                        "case " + c + ": " + e.getMessage());
                assertFalse(e.getMessage().contains("\n"), "case " + c + ": " + e.getMessage());
            } catch (Throwable t) {
                fail("case " + c + " (seed " + SEED + ") threw " + t, t);
            }
        }
        assertTrue(failures > CASES / 2, "most corruptions must be caught: " + failures);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void corruptedNpyFailsClearly() {
        Random rng = new Random(SEED + 1);
        Map<String, HostArray> m = NpzTest.sample(new Random(2));
        int failures = 0;
        for (int c = 0; c < CASES; c++) {
            HostArray a = m.values().toArray(new HostArray[0])[c % m.size()];
            byte[] valid = Npy.toBytes(a);
            byte[] b = mutate(valid, rng);
            try {
                HostArray read = Npy.fromBytes(b, "c.npy");
                assertTrue(b.length == valid.length, "case " + c + ": a truncated file read");
                assertEquals(a.dtype(), read.dtype(), "case " + c + ": dtype changed");
                assertArrayEquals(a.shape(), read.shape(), "case " + c + ": shape changed");
            } catch (NpyFormatException e) {
                failures++;
                assertTrue(e.getMessage().startsWith("c.npy: "), e.getMessage());
            } catch (Throwable t) {
                fail("case " + c + " (seed " + SEED + ") threw " + t, t);
            }
        }
        assertTrue(failures > 0, "some corruptions must be caught");
    }

    /** Flips 1-4 random bytes, truncates at a random length, or both. */
    private static byte[] mutate(byte[] valid, Random rng) {
        byte[] b = valid.clone();
        int mode = rng.nextInt(3);
        if (mode != 1) {
            int flips = 1 + rng.nextInt(4);
            for (int i = 0; i < flips; i++) {
                // half the flips land in the first 128 bytes, where headers live
                int at =
                        rng.nextBoolean()
                                ? rng.nextInt(Math.min(128, b.length))
                                : rng.nextInt(b.length);
                b[at] ^= (byte) (1 << rng.nextInt(8));
            }
        }
        if (mode != 0) {
            b = Arrays.copyOf(b, rng.nextInt(b.length));
        }
        return b;
    }
}
