package org.rfrecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rfrecon bench} on the tiny preset: the output format only, no timing assertions. */
class BenchCommandTest {

    @Test
    void tinyWritesTheDocumentedJson(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("bench.json");
        int code =
                Main.run("bench", "--preset", "tiny", "--repeats", "2", "--json", out.toString());
        assertEquals(0, code, "exit code");
        JsonObject o = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertEquals("tiny", o.get("preset").getAsString());
        JsonObject device = o.getAsJsonObject("device");
        assertEquals("cpu", device.get("kind").getAsString());
        assertTrue(!device.get("name").getAsString().isBlank(), "device name");
        JsonArray rows = o.getAsJsonArray("rows");
        Set<String> names = new HashSet<>();
        for (JsonElement e : rows) {
            JsonObject r = e.getAsJsonObject();
            String name = r.get("case").getAsString();
            names.add(name);
            for (String key : new String[] {"median_ms", "flop", "gflops", "bytes_peak"}) {
                assertTrue(r.has(key), name + " lacks " + key);
                double v = r.get(key).getAsDouble();
                assertTrue(v > 0 && Double.isFinite(v), name + "." + key + " = " + v);
            }
        }
        for (String name :
                new String[] {
                    "matmul-peak-float32",
                    "kron-forward",
                    "kron-adjoint",
                    "loop-forward",
                    "dense-forward",
                    "dense-adjoint",
                    "kron-forward-float64",
                    "complex-matmul-four",
                    "complex-matmul-gauss",
                    "complex-matmul-stacked"
                }) {
            assertTrue(names.contains(name), "missing row " + name + " in " + names);
        }
        JsonObject ratios = o.getAsJsonObject("ratios");
        for (String key : new String[] {"kron_vs_dense", "batched_vs_loop", "roofline_fraction"}) {
            double v = ratios.get(key).getAsDouble();
            assertTrue(v > 0 && Double.isFinite(v), key + " = " + v);
        }
        assertTrue(o.has("complex_matmul_fastest"), "fastest kernel");
    }

    /**
     * {@code --count-ops} counts every part (positive call counts), and the parts nest: a stage's
     * x-step is part of the stage, the forward part of the whole step.
     */
    @Test
    void countOpsWritesCallsPerPart(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("ops.json");
        int code = Main.run("bench", "--preset", "tiny", "--count-ops", "--json", out.toString());
        assertEquals(0, code, "exit code");
        JsonObject o = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        for (String k : o.keySet()) {
            JsonObject c = o.getAsJsonObject(k);
            assertTrue(c.get("calls").getAsInt() > 0, k);
            assertEquals(
                    c.get("calls").getAsInt(),
                    c.get("kernels").getAsInt() + c.get("views").getAsInt(),
                    k);
        }
        String t = "train step (tiny, K=10, batch 4) ";
        assertTrue(
                calls(o, t + "one stage") > calls(o, t + "one stage's x-step (3 CG iterations)"));
        assertTrue(calls(o, t + "whole, full graph") > calls(o, t + "forward"));
        assertTrue(calls(o, "volume (tiny-3d) ADMM iteration (whole, Java loop)") > 0);
        // the compiled iterations run the same ATen calls inside one JNI call: fewer, not none
        int compiled = calls(o, "volume (tiny-3d) ADMM iteration (whole, compiled)");
        assertTrue(
                compiled > 0
                        && compiled
                                <= calls(o, "volume (tiny-3d) ADMM iteration (whole, Java loop)"));
    }

    private static int calls(JsonObject o, String part) {
        assertTrue(o.has(part), "missing part " + part + " in " + o.keySet());
        return o.getAsJsonObject(part).get("calls").getAsInt();
    }

    @Test
    void unknownPresetIsAUsageError() {
        assertEquals(2, Main.run("bench", "--preset", "no-such-preset"));
    }
}
