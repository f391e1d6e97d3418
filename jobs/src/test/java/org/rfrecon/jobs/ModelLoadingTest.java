package org.rfrecon.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model names: zoo names and directories, and one-line refusals that name the value. */
class ModelLoadingTest {

    @TempDir Path tmp;

    @Test
    void zooNamesStayAndDirectoriesBecomeAbsolute() {
        String zoo = "zoo:" + UUID.randomUUID();
        assertTrue(ModelLoading.isZoo(zoo));
        assertEquals(zoo, ModelLoading.absolute(zoo));
        assertNull(ModelLoading.directory(zoo), "no such zoo model");
        String rel = "models/" + UUID.randomUUID();
        assertFalse(ModelLoading.isZoo(rel));
        assertEquals(Path.of(rel).toAbsolutePath().toString(), ModelLoading.absolute(rel));
        assertEquals(Path.of(rel), ModelLoading.directory(rel));
    }

    @Test
    void badNamesAreOneLineNamingTheValue() {
        String bad = "m\0" + UUID.randomUUID();
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> ModelLoading.directory(bad));
        assertTrue(e.getMessage().contains("must be a directory or zoo:NAME"), e.getMessage());
        assertFalse(e.getMessage().contains("--"), e.getMessage());

        String name = "no-such-" + UUID.randomUUID();
        IllegalArgumentException z =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ModelLoading.load("zoo:" + name, Device.cpu()));
        assertTrue(z.getMessage().contains("no model '" + name + "'"), z.getMessage());

        Path missing = tmp.resolve(UUID.randomUUID().toString());
        IllegalArgumentException d =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ModelLoading.load(missing.toString(), Device.cpu()));
        assertEquals(1, d.getMessage().lines().count(), d.getMessage());
    }
}
