package org.rfrecon.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.datasets.io.Checksums;

/** The model directory round-trips exactly and refuses tampered, truncated and foreign files. */
class ModelDirectoryTest {

    @TempDir Path tmp;

    private static Block block(NDManager m) {
        Block b = Linear.builder().setUnits(3).build();
        b.setInitializer(new NormalInitializer(), ai.djl.nn.Parameter.Type.WEIGHT);
        b.initialize(m, DataType.FLOAT32, new Shape(1, 5));
        return b;
    }

    private static ModelManifest manifest() {
        JsonObject arch = new JsonObject();
        arch.addProperty("kind", "linear-test");
        JsonObject training = new JsonObject();
        training.addProperty("command", "test");
        return new ModelManifest(
                ModelManifest.FORMAT_VERSION, "m", arch, Preset.TINY.geometry(), training);
    }

    private static float[] apply(Block b, NDManager m) {
        var x = m.arange(5f).reshape(1, 5);
        return b.forward(new ParameterStore(m, false), new ai.djl.ndarray.NDList(x), false)
                .singletonOrThrow()
                .toFloatArray();
    }

    @Test
    void writeThenLoadGivesBitIdenticalOutputs() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = block(m);
            Path dir = tmp.resolve("model");
            ModelDirectory.write(dir, manifest(), b);
            ModelManifest back = ModelDirectory.read(dir);
            assertEquals(manifest().toJson(), back.toJson());
            Block fresh = Linear.builder().setUnits(3).build();
            ModelDirectory.loadParameters(dir, fresh, m);
            assertArrayEquals(apply(b, m), apply(fresh, m));
            try (var s = Files.list(tmp)) {
                assertEquals(List.of(dir), s.toList(), "no temporary directory left behind");
            }
        }
    }

    @Test
    void tamperedFileIsRefusedNamingIt() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Path dir = tmp.resolve("model");
            ModelDirectory.write(dir, manifest(), block(m));
            byte[] p = Files.readAllBytes(dir.resolve(ModelDirectory.PARAMETERS));
            p[p.length - 3] ^= 1;
            Files.write(dir.resolve(ModelDirectory.PARAMETERS), p);
            IOException e = assertThrows(IOException.class, () -> ModelDirectory.read(dir));
            assertTrue(
                    e.getMessage().contains("checksum mismatch for parameters.params"),
                    e.getMessage());
        }
    }

    @Test
    void truncatedForeignAndUnlistedFilesAreRefused() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Path dir = tmp.resolve("model");
            ModelDirectory.write(dir, manifest(), block(m));
            Files.writeString(dir.resolve("extra.bin"), "x");
            assertTrue(
                    assertThrows(IOException.class, () -> ModelDirectory.read(dir))
                            .getMessage()
                            .contains("extra.bin"));
            Files.delete(dir.resolve("extra.bin"));
            Files.write(
                    dir.resolve(ModelManifest.FILE),
                    "{}".getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.TRUNCATE_EXISTING);
            assertThrows(IOException.class, () -> ModelDirectory.read(dir));
            assertThrows(IOException.class, () -> ModelDirectory.read(tmp.resolve("absent")));
        }
    }

    @Test
    void parametersOfAnotherArchitectureAreMalformed() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Path dir = tmp.resolve("model");
            ModelDirectory.write(dir, manifest(), block(m));
            Block other =
                    new ai.djl.nn.SequentialBlock()
                            .add(Linear.builder().setUnits(3).build())
                            .add(Linear.builder().setUnits(2).build());
            assertThrows(Exception.class, () -> ModelDirectory.loadParameters(dir, other, m));
            byte[] p = Files.readAllBytes(dir.resolve(ModelDirectory.PARAMETERS));
            Files.write(
                    dir.resolve(ModelDirectory.PARAMETERS),
                    java.util.Arrays.copyOf(p, p.length / 2));
            Checksums.write(dir); // a consistent but truncated model: the loader still refuses it
            assertThrows(
                    MalformedModelException.class,
                    () ->
                            ModelDirectory.loadParameters(
                                    dir, Linear.builder().setUnits(3).build(), m));
            assertFalse(Files.exists(tmp.resolve("model.tmp")));
        }
    }

    @Test
    void anEditedStageCountWithRemadeChecksumsIsAnArchitectureMismatch() throws Exception {
        Path bundled =
                Path.of("src/main/resources/org/rfrecon/models/zoo/" + BundledModelTest.NAME);
        for (int delta : new int[] {-1, 1}) {
            Path dir = tmp.resolve("edited" + delta);
            Files.createDirectories(dir);
            try (var s = Files.list(bundled)) {
                for (Path f : s.toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
            Path json = dir.resolve(ModelManifest.FILE);
            JsonObject o =
                    com.google.gson.JsonParser.parseString(
                                    Files.readString(json, StandardCharsets.UTF_8))
                            .getAsJsonObject();
            JsonObject arch = o.getAsJsonObject("architecture");
            arch.addProperty("stages", arch.get("stages").getAsInt() + delta);
            Files.writeString(json, o.toString(), StandardCharsets.UTF_8);
            Checksums.write(dir);
            MalformedModelException e =
                    assertThrows(
                            MalformedModelException.class,
                            () -> ReconModelLoader.load(dir, ai.djl.Device.cpu()).close());
            assertTrue(
                    e.getMessage().contains("does not match the parameters")
                            && !e.getMessage().contains("truncated"),
                    e.getMessage());
        }
    }
}
