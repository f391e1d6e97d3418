package org.rfrecon.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.datasets.sim.BatchSimulator;

/** The trainer learns, writes its files, and resumes exactly after a kill mid-epoch. */
class ReconTrainerTest {

    @TempDir Path tmp;

    private static TrainConfig config(int epochs) {
        return TinyConfigs.tiny(
                "{epochs: " + epochs + ", batch_size: 4, learning_rate: 0.02, loss: 'nmse'}");
    }

    /** A trainer of {@code net} on 12 fixed toy scenes, validated on 4 others. */
    private static ReconTrainer trainer(
            TrainConfig c, ToyReconstructions.Network net, NDManager m, Path dir, long maxSteps) {
        return trainer(
                c,
                net,
                TrainingData.fixed(new ToyReconstructions.Scenes(12, 1, m)),
                m,
                dir,
                maxSteps);
    }

    /** A trainer of {@code net} on {@code train}, validated on 4 fixed toy scenes. */
    private static ReconTrainer trainer(
            TrainConfig c,
            ToyReconstructions.Network net,
            TrainingData train,
            NDManager m,
            Path dir,
            long maxSteps) {
        return ReconTrainer.builder()
                .setConfig(c)
                .setNetwork(net)
                .setData(train, new ToyReconstructions.Scenes(4, 2, m))
                .setMetrics(ToyReconstructions.NMSE_ONLY)
                .setRunDirectory(dir)
                .optMaxGlobalSteps(maxSteps)
                .build();
    }

    @Test
    void shortTrainingLowersValidationLossAndWritesItsFiles() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            ToyReconstructions.Network net = new ToyReconstructions.Network(m);
            ReconTrainer t = trainer(config(4), net, m, tmp, Long.MAX_VALUE);
            double before = t.validate(m).loss();
            TrainingState end = t.fit(m, false).state();
            assertEquals(4, end.epoch());
            assertTrue(
                    end.bestValidation() < 0.95 * before,
                    "validation loss " + before + " -> " + end.bestValidation());
            List<String> csv = Files.readAllLines(tmp.resolve("metrics.csv"));
            assertEquals(EpochMetrics.HEADER, csv.get(0));
            assertEquals(5, csv.size());
            assertTrue(Files.exists(tmp.resolve("config.json")));
            assertTrue(t.checkpoints().exists(CheckpointStore.LAST));
            assertTrue(t.checkpoints().exists(CheckpointStore.BEST));
        }
    }

    private static ReconTrainer freshTrainer(
            TrainConfig c,
            ToyReconstructions.Network net,
            BatchSimulator sim,
            NDManager m,
            Path dir,
            long maxSteps) {
        return trainer(
                c, net, new FreshScenes(sim, c.seed(), 12, DataType.FLOAT32), m, dir, maxSteps);
    }

    /** A batch simulator of tiny's defaults, computing in {@code m}. */
    private static BatchSimulator tinySimulator(NDManager m) {
        return BatchSimulator.builder().setGeometry(Preset.TINY.geometry()).setManager(m).build();
    }

    @Test
    void freshScenesDifferEveryEpochAndAreFunctionsOfEpochAndPosition() {
        try (NDManager m = NDManager.newBaseManager();
                BatchSimulator sim = tinySimulator(m)) {
            long seed = System.nanoTime();
            FreshScenes data = new FreshScenes(sim, seed, 6, DataType.FLOAT32);
            float[] a = data.batch(3, new int[] {4, 1}, m)[1].singletonOrThrow().toFloatArray();
            float[] again = data.batch(3, new int[] {1, 4}, m)[1].singletonOrThrow().toFloatArray();
            float[] next = data.batch(4, new int[] {4, 1}, m)[1].singletonOrThrow().toFloatArray();
            int half = a.length / 2;
            // position 4 then 1, against 1 then 4: the same two scenes swapped
            assertArrayEquals(
                    java.util.Arrays.copyOfRange(a, 0, half),
                    java.util.Arrays.copyOfRange(again, half, a.length));
            assertArrayEquals(
                    java.util.Arrays.copyOfRange(a, half, a.length),
                    java.util.Arrays.copyOfRange(again, 0, half));
            assertFalse(java.util.Arrays.equals(a, next), "epoch 4 draws other scenes");
        }
    }

    @Test
    void freshScenesRunKilledAndResumedEqualsUninterruptedRun() throws IOException {
        try (NDManager m = NDManager.newBaseManager();
                BatchSimulator sim = tinySimulator(m)) {
            JsonObject o = new JsonObject();
            o.addProperty("lr_schedule", "cosine");
            TrainConfig c = config(3).with(o);
            ToyReconstructions.Network straight = new ToyReconstructions.Network(m);
            freshTrainer(c, straight, sim, m, tmp.resolve("a"), Long.MAX_VALUE)
                    .fit(m, false)
                    .state();

            ToyReconstructions.Network killed = new ToyReconstructions.Network(m);
            TrainingState stop =
                    freshTrainer(c, killed, sim, m, tmp.resolve("b"), 4).fit(m, false).state();
            assertEquals(1, stop.epoch(), "killed in the second epoch (3 steps per epoch)");
            ToyReconstructions.Network resumed = new ToyReconstructions.Network(m);
            TrainingState end =
                    freshTrainer(c, resumed, sim, m, tmp.resolve("b"), Long.MAX_VALUE)
                            .fit(m, true)
                            .state();
            assertEquals(3, end.epoch());
            float[] want = straight.block().getParameters().get("gain").getArray().toFloatArray();
            assertArrayEquals(
                    want, resumed.block().getParameters().get("gain").getArray().toFloatArray());
            assertTrue(want[0] != 0 || want[1] != 0, "the gain was trained");
        }
    }

    @Test
    void runKilledMidEpochAndResumedEqualsUninterruptedRun() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            ToyReconstructions.Network straight = new ToyReconstructions.Network(m);
            trainer(config(3), straight, m, tmp.resolve("a"), Long.MAX_VALUE).fit(m, false).state();

            ToyReconstructions.Network killed = new ToyReconstructions.Network(m);
            TrainingState stop =
                    trainer(config(3), killed, m, tmp.resolve("b"), 5).fit(m, false).state();
            assertEquals(1, stop.epoch(), "killed in the second epoch (3 steps per epoch)");
            ToyReconstructions.Network resumed = new ToyReconstructions.Network(m);
            TrainingState end =
                    trainer(config(3), resumed, m, tmp.resolve("b"), Long.MAX_VALUE)
                            .fit(m, true)
                            .state();
            assertEquals(3, end.epoch());
            assertArrayEquals(
                    straight.block().getParameters().get("gain").getArray().toFloatArray(),
                    resumed.block().getParameters().get("gain").getArray().toFloatArray());
            assertEquals(
                    Files.readAllLines(tmp.resolve("a/metrics.csv")).size(),
                    Files.readAllLines(tmp.resolve("b/metrics.csv")).size());
        }
    }
}
