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
        assertEquals(7, c.stages());
        assertEquals("soft-threshold", c.regularizer());
        assertEquals(TrainConfig.defaults("tiny").epochs(), c.epochs());
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
}
