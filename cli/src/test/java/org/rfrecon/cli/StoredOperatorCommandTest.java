package org.rfrecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rfrecon.core.testing.CommandWords.words;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.datasets.npy.DType;
import org.rfrecon.datasets.npy.HostArray;
import org.rfrecon.datasets.npy.Npz;

/**
 * The file is the model (SPEC §3): reconstruct and infer refuse a simulation file whose stored
 * factors disagree with its meta, with one line naming the key, exit code 2 and nothing written.
 */
class StoredOperatorCommandTest {

    @TempDir Path dir;

    @Test
    void aFileWhoseFactorsDisagreeWithItsMetaIsRefused() throws Exception {
        Path sim = dir.resolve("sim.npz");
        Map<String, HostArray> a = simulate("tiny", sim);
        a.put("s", HostArray.ofComplex(DType.COMPLEX64, a.get("s").shape(), new double[16]));
        Path bad = dir.resolve("zero-s.npz");
        Npz.write(bad, a);
        Path out = dir.resolve("rec.npz");
        Object[] r =
                CommandLineTest.run(
                        words("reconstruct --input {} --method admm --out {}", bad, out));
        assertEquals(2, r[0]);
        String err = ((String) r[2]).strip();
        assertTrue(err.contains(bad + ":s: disagrees with the geometry in meta"), err);
        assertFalse(err.contains("\n"), err);
        assertFalse(Files.exists(out));
        r =
                CommandLineTest.run(
                        words("infer --model zoo:unrolled-small --input {} --out {}", bad, out));
        assertEquals(2, r[0]);
        err = ((String) r[2]).strip();
        assertTrue(err.contains(bad + ":s: disagrees"), err);
        assertFalse(Files.exists(out));
    }

    /**
     * infer runs the network on the file's stored factors, not on factors rebuilt from its meta: a
     * file whose {@code s} is scaled within the accepted tolerance (by 1 + 5e-5 times a fresh
     * random factor in [0.5, 1)) gives a different reconstruction, close to the original one.
     */
    @Test
    void inferRunsTheNetworkOnTheStoredFactors() throws Exception {
        Path sim = dir.resolve("small.npz");
        Map<String, HostArray> a = simulate("small", sim);
        double[] s = a.get("s").toInterleaved();
        double f = 1 + 5e-5 * (0.5 + 0.5 * new java.util.Random().nextDouble());
        for (int k = 0; k < s.length; k++) {
            s[k] *= f;
        }
        a.put("s", HostArray.ofComplex(a.get("s").dtype(), a.get("s").shape(), s));
        Path scaled = dir.resolve("scaled-s.npz");
        Npz.write(scaled, a);
        double[][] x = new double[2][];
        Path[] inputs = {sim, scaled};
        for (int i = 0; i < 2; i++) {
            Path out = dir.resolve("rec" + i + ".npz");
            assertEquals(
                    0,
                    Main.run(
                            "infer",
                            "--model",
                            "zoo:unrolled-small",
                            "--input",
                            inputs[i].toString(),
                            "--out",
                            out.toString()));
            x[i] = Npz.read(out).get("x").toInterleaved();
        }
        double diff = 0;
        double norm = 0;
        for (int k = 0; k < x[0].length; k++) {
            diff += (x[0][k] - x[1][k]) * (x[0][k] - x[1][k]);
            norm += x[0][k] * x[0][k];
        }
        assertTrue(diff > 0, "the stored factors made no difference: the network ignored them");
        assertTrue(Math.sqrt(diff / norm) < 1e-3, "relative change " + Math.sqrt(diff / norm));
    }

    /** Simulates {@code preset} (seed 5) into {@code sim} and returns its arrays, editable. */
    private static Map<String, HostArray> simulate(String preset, Path sim) throws Exception {
        assertEquals(
                0,
                Main.run("simulate", "--preset", preset, "--seed", "5", "--out", sim.toString()));
        return new LinkedHashMap<>(Npz.read(sim));
    }
}
