package org.rfrecon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rfrecon.cli.CommandLineTest.run;
import static org.rfrecon.cli.CommandLineTest.runOk;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rfrecon train} with {@code init_model}: a fine-tuning run starts from a trained model and
 * records it; a model of another architecture, a missing model and an {@code --out} that is the
 * model it starts from are refused in one line with exit code 2, before any work, leaving nothing
 * behind and the model as it was.
 */
class FineTuneCommandTest {

    @TempDir Path tmp;

    private Path config(String name, long seed, int width, String initModel) throws IOException {
        JsonObject c = new JsonObject();
        c.addProperty("preset", "tiny");
        c.addProperty("train_count", 2);
        c.addProperty("val_count", 2);
        c.addProperty("epochs", 1);
        c.addProperty("batch_size", 2);
        c.addProperty("stages", 2);
        c.addProperty("cnn_width", width);
        c.addProperty("seed", seed);
        if (initModel != null) {
            c.addProperty("init_model", initModel);
        }
        Path f = tmp.resolve(name);
        Files.writeString(f, c.toString());
        return f;
    }

    private static void assertRefused(Object[] r, String phrase) {
        assertEquals(2, r[0], "stdout:\n" + r[1] + "\nstderr:\n" + r[2]);
        String err = ((String) r[2]).strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.contains(phrase), "'" + phrase + "' not in: " + err);
    }

    @Test
    void aFineTuningRunStartsFromItsModelAndBadStartsAreRefused() throws IOException {
        long seed = new Random().nextInt(1_000_000);
        int width = 4 + new Random().nextInt(5);
        Path base = tmp.resolve("base");
        runOk(
                "train",
                "--config",
                config("base.json", seed, width, null).toString(),
                "--out",
                base.toString());

        Path tuned = tmp.resolve("tuned");
        runOk(
                "train",
                "--config",
                config("ft.json", seed + 1, width, base.toString()).toString(),
                "--out",
                tuned.toString());
        JsonObject manifest =
                JsonParser.parseString(Files.readString(tuned.resolve("model.json")))
                        .getAsJsonObject();
        assertEquals(
                base.toString(),
                manifest.getAsJsonObject("training")
                        .getAsJsonObject("config")
                        .get("init_model")
                        .getAsString(),
                "model.json records what the model was fine-tuned from");

        String before = Files.readString(base.resolve("checksums.sha256"));
        Path wider = tmp.resolve("wider");
        assertRefused(
                run(
                        "train",
                        "--config",
                        config("wide.json", seed, width + 1, base.toString()).toString(),
                        "--out",
                        wider.toString()),
                "cnn_width");
        assertFalse(Files.exists(wider), "nothing written for a refused run");
        assertRefused(
                run(
                        "train",
                        "--config",
                        config("missing.json", seed, width, tmp.resolve("nothing").toString())
                                .toString(),
                        "--out",
                        tmp.resolve("m").toString()),
                "init_model");
        assertRefused(
                run(
                        "train",
                        "--config",
                        config("self.json", seed, width, base.toString()).toString(),
                        "--out",
                        base.toString()),
                "base");
        assertEquals(before, Files.readString(base.resolve("checksums.sha256")), "model untouched");
    }
}
