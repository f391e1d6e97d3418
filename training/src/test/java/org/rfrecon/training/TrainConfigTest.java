package org.rfrecon.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.datasets.sim.Physics;
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

    @Test
    void everyDocumentedConfigParsesToTheValuesItGivesAndRoundTrips() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("../docs/models"))) {
            files = s.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 3, "docs/models holds the documented configs");
        for (Path f : files) {
            JsonObject given = JsonParser.parseString(Files.readString(f)).getAsJsonObject();
            TrainConfig c = TrainConfig.read(f);
            JsonObject parsed = c.toJson();
            for (String key : given.keySet()) {
                assertEquals(given.get(key), parsed.get(key), f + ": " + key);
            }
            assertEquals(c, TrainConfig.fromJson(parsed), f.toString());
            assertEquals(c, c.toBuilder().build(), f.toString());
        }
    }

    @Test
    void theBuilderMakesWhatTheJsonFormSays() {
        Random rnd = new Random();
        int stages = 1 + rnd.nextInt(9);
        double lr = 1e-4 * (1 + rnd.nextInt(100));
        long seed = rnd.nextLong();
        TrainConfig tiny = TrainConfig.defaults("tiny");
        TrainConfig built =
                tiny.toBuilder()
                        .setData(tiny.data().toBuilder().optPhysics(Physics.EXACT).build())
                        .optArchitecture(
                                tiny.architecture().toBuilder()
                                        .optStages(stages)
                                        .optPrecision(DataType.FLOAT64)
                                        .build())
                        .optOptimisation(
                                tiny.optimisation().toBuilder()
                                        .optLearningRate(lr)
                                        .optLrSchedule(LrSchedule.COSINE)
                                        .optLoss(LossKind.L1_MAGNITUDE)
                                        .build())
                        .optSeed(seed)
                        .build();
        JsonObject o = new JsonObject();
        o.addProperty("physics", "exact");
        o.addProperty("stages", stages);
        o.addProperty("precision", "float64");
        o.addProperty("learning_rate", lr);
        o.addProperty("lr_schedule", "cosine");
        o.addProperty("loss", "l1-magnitude");
        o.addProperty("seed", seed);
        assertEquals(tiny.with(o), built);
        assertEquals(built, TrainConfig.fromJson(built.toJson()));
    }

    @Test
    void aValueOfTheWrongTypeNamesItsKey() {
        JsonObject o = new JsonObject();
        o.addProperty("cnn_width", "wide");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class, () -> TrainConfig.defaults("tiny").with(o));
        assertTrue(e.getMessage().startsWith("config: cnn_width "), e.getMessage());
    }
}
