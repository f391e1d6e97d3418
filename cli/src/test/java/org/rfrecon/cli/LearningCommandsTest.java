package org.rfrecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rfrecon.cli.CommandLineTest.run;
import static org.rfrecon.cli.CommandLineTest.runOk;
import static org.rfrecon.core.testing.CommandWords.words;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.datasets.io.DirectoryLock;
import org.rfrecon.datasets.io.Processes;

/** train, infer, zoo and ablate from the command line, end to end on tiny. */
class LearningCommandsTest {

    @TempDir Path tmp;

    @Test
    void trainExportsAModelThatInferAndTheZooLoad() throws Exception {
        Path model = tmp.resolve("model");
        Object[] r =
                runOk(
                        words(
                                "train --preset tiny --out {} --epochs 2 --train-count 16 --stages 2 --json {}",
                                model,
                                tmp.resolve("t.json")));
        assertTrue(
                Files.exists(model.resolve("model.json"))
                        && Files.exists(model.resolve("checksums.sha256")));
        assertTrue(
                Files.exists(model.resolve("training/metrics.csv"))
                        && Files.exists(model.resolve("training/loss.png")));
        JsonObject t =
                JsonParser.parseString(Files.readString(tmp.resolve("t.json"))).getAsJsonObject();
        assertTrue(t.has("nmse_db") && t.has("psnr") && t.has("ssim"), t.toString());
        assertTrue(
                Files.readString(model.resolve("model.json"))
                        .contains("rfrecon train --preset tiny"));

        // a second run without --resume refuses to overwrite the run
        assertEquals(2, run(words("train --preset tiny --out {}", model))[0]);

        // a live holder of the lock (this process) refuses a second writer
        String[] again = {
            "train",
            "--preset",
            "tiny",
            "--out",
            model.toString(),
            "--train-count",
            "16",
            "--stages",
            "2",
            "--resume"
        };
        Path lock = DirectoryLock.lockFile(model);
        Files.writeString(
                lock,
                "{\"pid\":"
                        + Processes.pid()
                        + ",\"start_ms\":"
                        + Processes.startMillis()
                        + ",\"host\":\""
                        + Processes.host()
                        + "\"}");
        r = run(CommandLineTest.concat(again, "--epochs", "3"));
        assertEquals(2, r[0], (String) r[2]);
        assertTrue(
                ((String) r[2]).contains("is locked by process " + Processes.pid()), (String) r[2]);
        // a stale lock (its process is gone) is taken over with a note; a changed seed refused
        Files.writeString(
                lock, "{\"pid\":999999999,\"start_ms\":1,\"host\":\"" + Processes.host() + "\"}");
        r = run(CommandLineTest.concat(again, "--epochs", "3", "--seed", "5"));
        assertEquals(2, r[0], (String) r[2]);
        assertTrue(((String) r[2]).contains("stale lock"), (String) r[2]);
        assertTrue(((String) r[2]).contains("cannot resume: seed is 5"), (String) r[2]);
        r = run(CommandLineTest.concat(again, "--epochs", "1"));
        assertEquals(2, r[0], (String) r[2]);
        assertTrue(((String) r[2]).contains("epochs may only grow"), (String) r[2]);
        r = run(CommandLineTest.concat(again, "--regularizer", "cnn", "--epochs", "3"));
        assertTrue(
                ((String) r[2]).contains("cannot resume: regularizer is \"cnn\""), (String) r[2]);
        // only the epoch count grows; the totals count the resumed epochs
        r = runOk(CommandLineTest.concat(again, "--epochs", "3"));
        assertTrue(
                ((String) r[1]).contains("trained 3 epochs: 2 from the checkpoint, 1 in this run"),
                (String) r[1]);
        assertFalse(Files.exists(lock), "released");

        Path sim = tmp.resolve("sim.npz");
        assertEquals(0, run(words("simulate --preset tiny --seed 5 --out {}", sim))[0]);
        Path rec = tmp.resolve("rec.npz");
        r =
                runOk(
                        words(
                                "infer --model {} --input {} --out {} --png {}",
                                model,
                                sim,
                                rec,
                                tmp.resolve("rec.png")));
        assertTrue(Files.size(rec) > 0 && Files.size(tmp.resolve("rec.png")) > 0);
        assertTrue(((String) r[1]).contains("wrote " + rec), (String) r[1]);
        assertTrue(((String) r[1]).contains("wrote " + tmp.resolve("rec.png")), (String) r[1]);

        // another geometry: refused, nothing written
        Path small = tmp.resolve("small.npz");
        assertEquals(0, run(words("simulate --preset small --out {}", small))[0]);
        r =
                run(
                        words(
                                "infer --model {} --input {} --out {}",
                                model,
                                small,
                                tmp.resolve("bad.npz")));
        assertEquals(2, r[0]);
        assertTrue(((String) r[2]).contains("geometry"), (String) r[2]);
        assertFalse(Files.exists(tmp.resolve("bad.npz")));

        // a tampered model: refused with a one-line error
        Path tampered = tmp.resolve("tampered");
        Files.createDirectories(tampered);
        for (String f : new String[] {"model.json", "parameters.params", "checksums.sha256"}) {
            Files.copy(model.resolve(f), tampered.resolve(f));
        }
        Files.writeString(
                tampered.resolve("model.json"),
                Files.readString(model.resolve("model.json"))
                        .replace("\"stages\": 2", "\"stages\": 3"));
        r = run(words("infer --model {} --input {} --out {}", tampered, sim, tmp.resolve("t.npz")));
        assertEquals(2, r[0]);
        assertTrue(((String) r[2]).contains("checksum mismatch"), (String) r[2]);

        // the zoo finds models of a user repository by name
        System.setProperty("rfrecon.zoo", tmp.toString());
        try {
            r = run("zoo", "list");
            assertEquals(0, r[0]);
            assertTrue(((String) r[1]).contains("model"), (String) r[1]);
        } finally {
            System.clearProperty("rfrecon.zoo");
        }
    }

    @Test
    void ablateRunsATwoVariantGridAndRejectsBadAxesUpFront() throws Exception {
        Path cfg = tmp.resolve("abl.json");
        Files.writeString(
                cfg,
                "{\"base\": {\"preset\": \"tiny\", \"epochs\": 1, \"train_count\": 8, \"stages\": 2, \"cg_iterations\": 2, \"cnn_width\": 4},"
                        + " \"axes\": {\"regularizer\": [\"soft-threshold\", \"cnn\"]}, \"seeds\": [1], \"eval_count\": 4}");
        Path out = tmp.resolve("abl");
        Object[] r = runOk(words("ablate --config {} --out {}", cfg, out));
        for (String f :
                new String[] {"results.csv", "results.md", "plot-time.png", "plot-memory.png"}) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        assertEquals(3, Files.readAllLines(out.resolve("results.csv")).size());
        Files.writeString(
                cfg,
                "{\"base\": {\"preset\": \"tiny\"}, \"axes\": {\"colour\": [1]}, \"seeds\": [1]}");
        r = run(words("ablate --config {} --out {}", cfg, tmp.resolve("abl2")));
        assertEquals(2, r[0]);
        assertTrue(((String) r[2]).contains("unknown axis 'colour'"), (String) r[2]);
        assertFalse(Files.exists(tmp.resolve("abl2")));
    }
}
