package org.rfrecon.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.unrolled.Architecture;
import org.rfrecon.unrolled.UnrolledAdmm;

/** {@link ModelDirectory#export} writes a trained network as a model that loads back as it was. */
class ModelExportTest {

    @TempDir Path tmp;

    @Test
    void anExportedNetworkLoadsBackWithItsManifestAndKeepsTheRunState() throws Exception {
        Random rnd = new Random();
        int stages = 1 + rnd.nextInt(3);
        try (NDManager m = NDManager.newBaseManager();
                UnrolledAdmm net =
                        UnrolledAdmm.builder()
                                .setGeometry(Preset.TINY.geometry())
                                .setArchitecture(
                                        Architecture.builder()
                                                .optStages(stages)
                                                .optRegularizer(
                                                        Architecture.RegularizerKind.SOFT_THRESHOLD)
                                                .build())
                                .optInitialThreshold(0.01 + 0.1 * rnd.nextDouble())
                                .build()) {
            net.initialize(m, DataType.FLOAT32, net.inputShape(1));
            Path dir = tmp.resolve("my-model");
            Files.createDirectories(dir.resolve("training"));
            Files.writeString(dir.resolve("training/metrics.csv"), "kept\n");
            JsonObject training = new JsonObject();
            training.addProperty("command", "rfrecon train --seed " + rnd.nextInt(1000));
            ModelDirectory.export(dir, net, training);

            ModelManifest back = ModelDirectory.read(dir);
            assertEquals("my-model", back.name());
            assertEquals(Networks.architecture(net), back.architecture());
            assertEquals(Preset.TINY.geometry().toJson(), back.geometry().toJson());
            assertEquals(training, back.training());
            assertEquals("kept\n", Files.readString(dir.resolve("training/metrics.csv")));
            Block loaded = Networks.build(back, m);
            ModelDirectory.loadParameters(dir, loaded, m);
            for (String k : net.getParameters().keys()) {
                assertArrayEquals(
                        net.getParameters().get(k).getArray().toFloatArray(),
                        loaded.getParameters().get(k).getArray().toFloatArray(),
                        k);
            }
            assertTrue(net.getParameters().size() >= 2, "rho, eta and the threshold");
            ((UnrolledAdmm) loaded).close();
        }
    }
}
