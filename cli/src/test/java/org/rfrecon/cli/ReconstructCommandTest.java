package org.rfrecon.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.datasets.npy.HostArray;
import org.rfrecon.datasets.npy.Npz;

/** rfrecon reconstruct on a tiny simulation: files, JSON keys, one-line errors. */
class ReconstructCommandTest {

    @TempDir Path dir;

    @Test
    void reconstructsWritesFilesAndReportsMetrics() throws Exception {
        Path sim = dir.resolve("sim.npz");
        assertEquals(
                0,
                Main.run(
                        "simulate",
                        "--preset",
                        "tiny",
                        "--scene",
                        "points",
                        "--snr",
                        "30",
                        "--seed",
                        "3",
                        "--out",
                        sim.toString()));
        for (String method : new String[] {"backprojection", "cg", "fista"}) {
            Path rec = dir.resolve(method + ".npz");
            Path json = dir.resolve(method + ".json");
            assertEquals(
                    0,
                    Main.run(
                            "reconstruct",
                            "--input",
                            sim.toString(),
                            "--method",
                            method,
                            "--iters",
                            "10",
                            "--out",
                            rec.toString(),
                            "--json",
                            json.toString()),
                    method);
            Map<String, HostArray> arrays = Npz.read(rec);
            assertArrayEquals(new long[] {16, 16}, arrays.get("x").shape(), method);
            assertTrue(arrays.get("meta").toUtf8().contains("nmse_db"), method);
            JsonObject o = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
            for (String key : new String[] {"nmse_db", "psnr", "ssim"}) {
                assertTrue(Double.isFinite(o.get(key).getAsDouble()), method + " " + key);
            }
            if (!method.equals("backprojection")) {
                double frac = o.get("lambda_fraction").getAsDouble();
                assertTrue(frac > 0 && o.get("lambda").getAsDouble() > 0, method);
                // how the solve ended (SPEC §4), in the JSON and in meta
                assertEquals(10, o.get("max_iterations").getAsInt(), method);
                int k = o.get("iterations").getAsInt();
                assertTrue(k >= 1 && k <= 10, method + " iterations " + k);
                String reason = o.get("stop_reason").getAsString();
                assertTrue(
                        reason.equals("iteration_cap") || reason.equals("tolerance_met"), reason);
                assertTrue(Double.isFinite(o.get("primal_residual").getAsDouble()), method);
                assertTrue(arrays.get("meta").toUtf8().contains("\"stop_reason\""), method);
            } else {
                assertEquals("closed_form", o.get("stop_reason").getAsString());
            }
        }
    }

    @Test
    void badArgumentsGiveExitTwoAndWriteNothing() {
        Path rec = dir.resolve("rec.npz");
        assertEquals(
                2,
                Main.run(
                        "reconstruct",
                        "--input",
                        dir.resolve("missing.npz").toString(),
                        "--method",
                        "admm",
                        "--out",
                        rec.toString()));
        assertEquals(
                2,
                Main.run(
                        "reconstruct",
                        "--input",
                        "x.npz",
                        "--method",
                        "magic",
                        "--out",
                        rec.toString()));
        assertFalse(Files.exists(rec));
    }
}
