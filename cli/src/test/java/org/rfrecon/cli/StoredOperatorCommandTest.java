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
        assertEquals(
                0,
                Main.run("simulate", "--preset", "tiny", "--seed", "5", "--out", sim.toString()));
        Map<String, HostArray> a = new LinkedHashMap<>(Npz.read(sim));
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
}
