package org.rfrecon.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.unrolled.Architecture.RegularizerKind;

/** Configs round-trip, override defaults, and reject what they do not know. */
class TrainConfigTest {

    @TempDir Path tmp;

    @Test
    void writeThenReadIsTheSameConfig() throws IOException {
        TrainConfig c = TrainConfig.defaults("small");
        Path f = tmp.resolve("c.json");
        c.write(f);
        assertEquals(c, TrainConfig.read(f));
        assertTrue(Files.readString(f).contains("\"cg_iterations\""));
    }

    @Test
    void fileKeysOverrideThePresetDefaults() throws IOException {
        Path f = tmp.resolve("c.json");
        Files.writeString(
                f, "{\"preset\": \"tiny\", \"stages\": 7, \"regularizer\": \"soft-threshold\"}");
        TrainConfig c = TrainConfig.read(f);
        assertEquals(7, c.architecture().stages());
        assertEquals(RegularizerKind.SOFT_THRESHOLD, c.architecture().regularizer());
        assertEquals(
                TrainConfig.defaults("tiny").optimisation().epochs(), c.optimisation().epochs());
    }

    @Test
    void unknownKeysAndBadValuesNameTheKey() throws IOException {
        Path f = tmp.resolve("c.json");
        Files.writeString(f, "{\"preset\": \"tiny\", \"stagse\": 7}");
        assertTrue(
                assertThrows(IOException.class, () -> TrainConfig.read(f))
                        .getMessage()
                        .contains("stagse"));
        Files.writeString(f, "{\"preset\": \"tiny\", \"stages\": 0}");
        assertTrue(
                assertThrows(IOException.class, () -> TrainConfig.read(f))
                        .getMessage()
                        .contains("stages"));
        Files.writeString(f, "[1, 2]");
        assertThrows(IOException.class, () -> TrainConfig.read(f));
        JsonObject o = new JsonObject();
        o.addProperty("physics", "ray");
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.defaults("tiny").with(o));
    }

    @Test
    void aResumeRefusesEveryChangeButMoreEpochsAndCheckpointing() {
        TrainConfig saved = TrainConfig.defaults("tiny");
        java.util.Random rnd = new java.util.Random();
        JsonObject more = new JsonObject();
        more.addProperty("epochs", saved.optimisation().epochs() + 1 + rnd.nextInt(5));
        more.addProperty("checkpointing", !saved.optimisation().checkpointing());
        saved.with(more).checkResumes(saved, saved.optimisation().epochs()); // allowed
        String[][] changes = {
            {"seed", Long.toString(saved.seed() + 1 + rnd.nextInt(100))},
            {"train_count", Integer.toString(saved.data().trainCount() + 1)},
            {"stages", Integer.toString(saved.architecture().stages() + 1)},
            {"learning_rate", Double.toString(saved.optimisation().learningRate() * 2)},
            {"physics", "exact"},
            {"batch_size", Integer.toString(saved.optimisation().batchSize() + 1)},
        };
        for (String[] c : changes) {
            JsonObject o = new JsonObject();
            o.add(
                    c[0],
                    com.google.gson.JsonParser.parseString(
                            c[0].equals("physics") ? "\"" + c[1] + "\"" : c[1]));
            IllegalArgumentException e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> saved.with(o).checkResumes(saved, 1),
                            c[0]);
            assertTrue(
                    e.getMessage().startsWith("cannot resume: " + c[0] + " is "), e.getMessage());
        }
        JsonObject fewer = new JsonObject();
        fewer.addProperty("epochs", saved.optimisation().epochs() - 1);
        assertTrue(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> saved.with(fewer).checkResumes(saved, 1))
                        .getMessage()
                        .contains("only grow"));
    }
}
