package org.rfrecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rfrecon.core.testing.CommandWords.words;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.core.testing.CapturedStreams;

/** The command line's exit codes and the foundation commands' output. */
class CommandLineTest {

    /** Runs rfrecon capturing stdout and stderr; returns {exit code, stdout, stderr}. */
    static Object[] run(String... args) {
        CapturedStreams.Result r = CapturedStreams.capture((out, err) -> Main.run(args));
        return new Object[] {r.code(), r.out(), r.err()};
    }

    /**
     * {@link #run}, asserting that the command exits 0 (its stderr is the failure message).
     *
     * @return exit code, stdout and stderr, as {@link #run}
     */
    static Object[] runOk(String... args) {
        Object[] r = run(args);
        assertEquals(0, r[0], (String) r[2]);
        return r;
    }

    /** The words of {@code a} followed by {@code b}. */
    static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void helpListsEveryCommandOfTheSpec() {
        Object[] r = run("--help");
        assertEquals(0, r[0]);
        for (String c :
                new String[] {
                    "simulate",
                    "reconstruct",
                    "train",
                    "infer",
                    "ablate",
                    "bench",
                    "memory",
                    "zoo",
                    "demo"
                }) {
            assertTrue(((String) r[1]).contains(c), "help lacks " + c);
        }
    }

    @Test
    void memoryReportsTheSeedDenseMatrix() {
        Object[] r = run("memory", "--preset", "seed-2d");
        assertEquals(0, r[0]);
        assertTrue(((String) r[1]).contains("2048 x 16384"), (String) r[1]);
        assertTrue(((String) r[1]).contains("268.4 MB"), (String) r[1]);
    }

    @Test
    void unknownPresetIsOneLineAndExitTwo() {
        Object[] r = run("memory", "--preset", "nope");
        assertEquals(2, r[0]);
        String err = ((String) r[2]).strip();
        assertTrue(err.startsWith("rfrecon: error: unknown preset 'nope'"), err);
        assertEquals(1, err.lines().count(), err);
    }

    @Test
    void unknownOptionIsExitTwo() {
        assertEquals(2, run("memory", "--bogus")[0]);
    }

    @Test
    void demoReconstructsThreeWaysAndWritesItsReport(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo");
        Object[] r = run(words("demo --out {} --count 1", out));
        String stdout = (String) r[1];
        assertEquals(0, r[0], (String) r[2]);
        for (String row : new String[] {"backprojection", "ADMM-l1", "unrolled"}) {
            assertTrue(
                    stdout.contains("| " + row), "the metrics table lacks " + row + ":\n" + stdout);
        }
        assertFalse(stdout.contains("skipped"), stdout);
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("![") && report.contains("NMSE"), report);
        try (var pngs = Files.list(out)) {
            assertTrue(pngs.anyMatch(f -> f.toString().endsWith(".png")), "no figure in " + out);
        }
    }
}
