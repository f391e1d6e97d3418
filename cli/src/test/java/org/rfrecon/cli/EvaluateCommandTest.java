package org.rfrecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rfrecon.cli.CommandLineTest.run;
import static org.rfrecon.cli.CommandLineTest.runOk;
import static org.rfrecon.core.testing.CommandWords.words;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rfrecon evaluate} on a tiny held-out set: every row is present, and each number equals
 * what {@code reconstruct} and {@code infer} print for the same file run one by one.
 */
class EvaluateCommandTest {

    private static final long SEED = System.nanoTime() % 100_000;

    @TempDir Path tmp;

    private static JsonObject json(Path p) throws Exception {
        return JsonParser.parseString(Files.readString(p)).getAsJsonObject();
    }

    @Test
    void rowsEqualReconstructAndInferRunOneByOne() throws Exception {
        Path model = tmp.resolve("model");
        runOk(words("train --preset tiny --out {} --epochs 1 --train-count 8 --stages 2", model));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path f = tmp.resolve("sim" + i + ".npz");
            runOk(
                    words(
                            "simulate --preset tiny --physics exact --seed {} --out {}",
                            Long.toString(SEED + i),
                            f));
            files.add(f);
        }
        Path out = tmp.resolve("eval");
        runOk(
                words(
                        "evaluate --input {} --methods backprojection,cg,admm-l1,admm-tv --iters 15 --models {} --out {}",
                        files.get(0) + "," + files.get(1),
                        model,
                        out));
        for (String f : new String[] {"results.md", "results.csv", "results.json", "grid.png"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        JsonObject report = json(out.resolve("results.json"));
        JsonArray methods = report.getAsJsonArray("methods");
        String[] rows = {"backprojection", "cg [15 it]", "admm-l1 [15 it]", "admm-tv [15 it]"};
        assertEquals(rows.length + 1, methods.size(), methods.toString());
        String md = Files.readString(out.resolve("results.md"));
        assertTrue(md.contains("0 dB is no better than an all-zero image"), md);
        String[][] cli = {
            {"reconstruct", "--method", "backprojection"},
            {"reconstruct", "--method", "cg", "--iters", "15"},
            {"reconstruct", "--method", "admm", "--reg", "l1", "--iters", "15"},
            {"reconstruct", "--method", "admm", "--reg", "tv", "--iters", "15"},
            {"infer", "--model", model.toString()}
        };
        for (int k = 0; k < cli.length; k++) {
            JsonObject row = methods.get(k).getAsJsonObject();
            if (k < rows.length) {
                assertEquals(rows[k], row.get("method").getAsString());
            } else {
                assertEquals(model.toString(), row.get("method").getAsString());
            }
            JsonArray per = row.getAsJsonArray("per_scene");
            assertEquals(2, per.size());
            double mean = 0;
            // a model row runs the scenes as one batch and infer one by one: in float32 the
            // block-real products fold the batch into their GEMMs, so sums are ordered
            // differently (seen: 1.1e-6 dB); the classical rows solve scene by scene
            double tolerance = k < rows.length ? 1e-6 : 1e-4;
            for (int i = 0; i < 2; i++) {
                Path j = tmp.resolve("one-" + k + "-" + i + ".json");
                List<String> args = new ArrayList<>(List.of(cli[k]));
                args.addAll(
                        List.of(
                                "--input",
                                files.get(i).toString(),
                                "--out",
                                tmp.resolve("rec-" + k + "-" + i + ".npz").toString(),
                                "--json",
                                j.toString()));
                runOk(args.toArray(String[]::new));
                JsonObject one = json(j);
                JsonObject q = per.get(i).getAsJsonObject();
                for (String key : new String[] {"nmse_db", "psnr", "ssim"}) {
                    assertEquals(
                            one.get(key).getAsDouble(),
                            q.get(key).getAsDouble(),
                            tolerance,
                            rows.length > k ? rows[k] : "model" + " scene " + i + " " + key);
                }
                mean += one.get("nmse_db").getAsDouble() / 2;
            }
            assertEquals(
                    mean,
                    row.getAsJsonObject("mean").get("nmse_db").getAsDouble(),
                    tolerance,
                    "mean NMSE of row " + k);
        }
    }

    @Test
    void lambdasSetTheSweepAndEachRowEqualsReconstructAtThatLambda() throws Exception {
        Path sim = tmp.resolve("sim.npz");
        runOk(words("simulate --preset tiny --physics exact --seed {} --out {}", "" + SEED, sim));
        Path out = tmp.resolve("eval-lambdas");
        runOk(
                words(
                        "evaluate --input {} --methods admm-l1 --iters 10 --lambdas 0.002,0.3 --out {}",
                        sim,
                        out));
        JsonObject report = json(out.resolve("results.json"));
        JsonArray methods = report.getAsJsonArray("methods");
        assertEquals(3, methods.size(), methods.toString()); // the default lambda and the two
        assertTrue(
                report.getAsJsonObject("best_of_sweep").keySet().stream()
                        .anyMatch(k -> k.startsWith("admm-l1")),
                report.toString());
        JsonObject row = methods.get(1).getAsJsonObject();
        assertTrue(row.get("method").getAsString().contains("0.00200"), row.toString());
        Path j = tmp.resolve("one.json");
        runOk(
                words(
                        "reconstruct --method admm --reg l1 --iters 10 --lambda 0.002 --input {} --out {} --json {}",
                        sim,
                        tmp.resolve("rec.npz"),
                        j));
        assertEquals(
                json(j).get("nmse_db").getAsDouble(),
                row.getAsJsonArray("per_scene")
                        .get(0)
                        .getAsJsonObject()
                        .get("nmse_db")
                        .getAsDouble(),
                1e-6);
    }

    @Test
    void badInputIsOneLineAndWritesNothing() {
        Path out = tmp.resolve("eval");
        Object[] r = run(words("evaluate --input {} --out {}", tmp.resolve("missing.npz"), out));
        assertEquals(2, r[0]);
        assertTrue(((String) r[2]).contains("missing.npz"), (String) r[2]);
        r = run(words("evaluate --input {} --methods magic --out {}", tmp, out));
        assertEquals(2, r[0]);
        assertTrue(((String) r[2]).contains("magic"), (String) r[2]);
        r = run(words("evaluate --input {} --lambdas 0.01,-0.5 --out {}", tmp, out));
        assertEquals(2, r[0]);
        assertTrue(((String) r[2]).contains("--lambdas"), (String) r[2]);
        assertEquals(1, ((String) r[2]).strip().lines().count(), (String) r[2]);
        assertFalse(Files.exists(out));
    }
}
