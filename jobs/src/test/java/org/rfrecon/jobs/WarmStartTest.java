package org.rfrecon.jobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.models.ModelDirectory;
import org.rfrecon.training.DataSpec;
import org.rfrecon.training.TrainConfig;
import org.rfrecon.training.TrainingSession;
import org.rfrecon.training.metric.SpecQualityMetrics;
import org.rfrecon.unrolled.UnrolledAdmm;

/**
 * Fine-tuning from a model: a warm-started session's network holds the model's parameters (not its
 * own seeded draws), and a model of another architecture or a session without a source is refused
 * in one line naming the key.
 */
class WarmStartTest {

    @TempDir Path tmp;

    private static TrainConfig tinyConfig(long seed) {
        TrainConfig d = TrainConfig.defaults(Preset.TINY);
        return d.toBuilder()
                .setData(d.data().toBuilder().optTrainCount(4).optValCount(2).build())
                .optSeed(seed)
                .build();
    }

    /** Exports a network of {@code config}'s architecture with its own random parameters. */
    private static Map<String, float[]> exportRandomModel(TrainConfig config, Path dir)
            throws Exception {
        Map<String, float[]> values = new HashMap<>();
        try (NDManager m = NDManager.newBaseManager();
                UnrolledAdmm net =
                        config.initialisation()
                                .applyTo(
                                        UnrolledAdmm.builder()
                                                .setGeometry(config.data().preset().geometry())
                                                .setArchitecture(config.architecture()))
                                .build()) {
            ai.djl.util.RandomUtils.RANDOM.setSeed(new Random().nextLong());
            net.initialize(m, config.architecture().precision(), net.inputShape(1));
            for (Pair<String, Parameter> p : net.getParameters()) {
                // perturb every parameter so that no value can equal a fresh initialisation's
                p.getValue().getArray().addi(m.randomNormal(p.getValue().getArray().getShape()));
                values.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
            ModelDirectory.export(dir, net, new JsonObject());
        }
        return values;
    }

    private static Map<String, float[]> parameters(UnrolledAdmm net) {
        Map<String, float[]> values = new HashMap<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            values.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    /** {@code config} with {@code init_model} set to {@code initModel}. */
    private static TrainConfig withInitModel(TrainConfig config, String initModel) {
        return config.toBuilder()
                .optInitialisation(
                        config.initialisation().toBuilder().optInitModel(initModel).build())
                .build();
    }

    private TrainingSession.Builder session(TrainConfig config) {
        return TrainingSession.builder()
                .setConfig(config)
                .setRunDirectory(tmp.resolve(UUID.randomUUID().toString()))
                .setMetrics(new SpecQualityMetrics());
    }

    @Test
    void aWarmStartedSessionStartsFromTheModelsParameters() throws Exception {
        long seed = new Random().nextInt(1_000_000);
        TrainConfig plain = tinyConfig(seed);
        Path model = tmp.resolve("trained");
        Map<String, float[]> trained = exportRandomModel(plain, model);
        TrainConfig warm = withInitModel(plain, model.toString());
        assertEquals(
                warm, TrainConfig.fromJson(warm.toJson()), "init_model survives the JSON form");

        Map<String, float[]> fresh;
        try (TrainingSession s = session(plain).build()) {
            fresh = parameters(s.network());
        }
        try (TrainingSession s = session(warm).optInitialParameters(WarmStart.of(warm)).build()) {
            Map<String, float[]> started = parameters(s.network());
            assertEquals(trained.keySet(), started.keySet());
            for (String k : trained.keySet()) {
                assertArrayEquals(trained.get(k), started.get(k), 0f, k);
                assertFalse(java.util.Arrays.equals(fresh.get(k), started.get(k)), k);
                assertTrue(
                        s.network().getParameters().get(k).getArray().hasGradient(),
                        k + " collects gradients for training");
            }
        }
    }

    @Test
    void aGrownNetworkCopiesTheModelByNameAndKeepsItsNewBranchFresh() throws Exception {
        TrainConfig plain = tinyConfig(new Random().nextInt(1_000_000));
        Path model = tmp.resolve("trained");
        Map<String, float[]> trained = exportRandomModel(plain, model);
        TrainConfig masked =
                plain.toBuilder()
                        .optArchitecture(plain.architecture().toBuilder().optCnnMask(true).build())
                        .build();
        Map<String, float[]> fresh;
        try (TrainingSession s = session(masked).build()) {
            fresh = parameters(s.network());
        }
        TrainConfig grown = withInitModel(masked, model.toString());
        WarmStart source = WarmStart.of(grown);
        assertTrue(source.grown());
        try (TrainingSession s = session(grown).optInitialParameters(source).build()) {
            Map<String, float[]> started = parameters(s.network());
            assertTrue(started.keySet().containsAll(trained.keySet()));
            for (String k : trained.keySet()) {
                assertArrayEquals(trained.get(k), started.get(k), 0f, k);
            }
            long added = started.keySet().stream().filter(k -> !trained.containsKey(k)).count();
            assertTrue(added > 0, "the mask branch added no parameters");
            for (String k : started.keySet()) {
                if (!trained.containsKey(k)) {
                    assertTrue(k.contains("mask"), k);
                    assertArrayEquals(fresh.get(k), started.get(k), 0f, k + " keeps its draw");
                }
            }
        }

        // the other way round, a model with the branch for a config without it, is refused
        Path maskedModel = tmp.resolve("masked");
        exportRandomModel(masked, maskedModel);
        InvalidInputException e =
                assertThrows(
                        InvalidInputException.class,
                        () -> WarmStart.of(withInitModel(plain, maskedModel.toString())));
        assertTrue(e.getMessage().contains("cnn_mask"), e.getMessage());
    }

    @Test
    void mismatchesAndMissingSourcesAreRefusedNamingTheKey() throws Exception {
        TrainConfig plain = tinyConfig(new Random().nextInt(1_000_000));
        Path model = tmp.resolve("trained");
        exportRandomModel(plain, model);
        TrainConfig wider =
                withInitModel(
                        plain.toBuilder()
                                .optArchitecture(
                                        plain.architecture().toBuilder()
                                                .optCnnWidth(plain.architecture().cnnWidth() + 1)
                                                .build())
                                .build(),
                        model.toString());
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> WarmStart.of(wider));
        assertTrue(e.getMessage().contains("cnn_width"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());

        TrainConfig otherPreset =
                wider.toBuilder()
                        .setData(DataSpec.builder().setPreset(Preset.SMALL).build())
                        .optArchitecture(plain.architecture())
                        .build();
        InvalidInputException g =
                assertThrows(InvalidInputException.class, () -> WarmStart.of(otherPreset));
        assertTrue(g.getMessage().contains("preset small"), g.getMessage());

        String name = "no-such-" + UUID.randomUUID();
        TrainConfig zoo = withInitModel(plain, "zoo:" + name);
        InvalidInputException z =
                assertThrows(InvalidInputException.class, () -> WarmStart.of(zoo));
        assertTrue(z.getMessage().contains("no model '" + name + "'"), z.getMessage());

        TrainConfig warm = withInitModel(plain, model.toString());
        IllegalArgumentException n =
                assertThrows(IllegalArgumentException.class, () -> session(warm).build());
        assertTrue(n.getMessage().contains("init_model"), n.getMessage());
    }
}
