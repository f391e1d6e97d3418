package org.rfrecon.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer's features are listeners: they see every event in order, and can be left out. */
class TrainingListenersTest {

    @TempDir Path tmp;

    private static TrainConfig config(int epochs, long seed) {
        return TinyConfigs.tiny(
                "{epochs: " + epochs + ", batch_size: 4, learning_rate: 0.02, seed: " + seed + "}");
    }

    private static ReconTrainer.Builder trainer(TrainConfig c, NDManager m, Path dir, int train) {
        return ReconTrainer.builder()
                .setConfig(c)
                .setNetwork(new ToyReconstructions.Network(m))
                .setData(
                        new ToyReconstructions.Scenes(train, 1, m),
                        new ToyReconstructions.Scenes(4, 2, m))
                .setMetrics(ToyReconstructions.NMSE_ONLY)
                .setRunDirectory(dir);
    }

    /** Records the events it sees, as one letter each. */
    private static final class Recorder implements TrainingListener {
        final StringBuilder events = new StringBuilder();
        final List<EpochMetrics> rows = new ArrayList<>();
        int stepsApplied;

        @Override
        public void onTrainingBegin(ReconTrainer trainer) {
            events.append('B');
        }

        @Override
        public void onEpochStart(int epoch, int steps) {
            events.append('E');
        }

        @Override
        public void onStepBegin(TrainingState state) {
            events.append('s');
        }

        @Override
        public void onStepEnd(StepResult step) {
            events.append('t');
            stepsApplied += step.applied() ? 1 : 0;
        }

        @Override
        public void onEpochEnd(ReconTrainer trainer, EpochMetrics row) {
            events.append('e');
            rows.add(row);
            assertEquals(row, trainer.history().get(trainer.history().size() - 1));
        }

        @Override
        public void onTrainingEnd(ReconTrainer trainer) {
            events.append('X');
        }
    }

    @Test
    void anAddedListenerSeesEveryEventInOrderAndTheHistoryIsTheCsv() throws IOException {
        Random rnd = new Random();
        int epochs = 2 + rnd.nextInt(2);
        int steps = 2 + rnd.nextInt(2); // batches of 4
        try (NDManager m = NDManager.newBaseManager()) {
            Recorder r = new Recorder();
            TrainingRun run =
                    trainer(config(epochs, rnd.nextLong()), m, tmp, 4 * steps)
                            .addTrainingListeners(r)
                            .build()
                            .fit(m, false);
            assertEquals(
                    "B" + ("E" + "st".repeat(steps) + "e").repeat(epochs) + "X",
                    r.events.toString());
            assertEquals(epochs * steps, r.stepsApplied);
            assertEquals(r.rows, run.history());
            List<String> csv = Files.readAllLines(tmp.resolve("metrics.csv"));
            assertEquals(epochs + 1, csv.size());
            for (int e = 0; e < epochs; e++) {
                assertEquals(e + 1, run.history().get(e).epoch());
                assertEquals(run.history().get(e).toCsv(), csv.get(e + 1));
            }
        }
    }

    @Test
    void withoutTheStandardListenersARunWritesNoCheckpointAndNoCsv() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            ReconTrainer t =
                    trainer(config(2, new Random().nextLong()), m, tmp, 8)
                            .optStandardListeners(false)
                            .build();
            TrainingRun run = t.fit(m, false);
            assertEquals(2, run.history().size());
            assertFalse(Files.exists(tmp.resolve("metrics.csv")));
            assertFalse(t.checkpoints().exists(CheckpointStore.LAST));
            assertEquals(-1, t.peakStepBytes(), "no memory probe without its listener");
        }
    }

    @Test
    void aResumedRunCarriesTheWholeHistory() throws IOException {
        long seed = new Random().nextLong();
        try (NDManager m = NDManager.newBaseManager()) {
            TrainingRun straight =
                    trainer(config(3, seed), m, tmp.resolve("a"), 12).build().fit(m, false);
            trainer(config(3, seed), m, tmp.resolve("b"), 12)
                    .optMaxGlobalSteps(4)
                    .build()
                    .fit(m, false); // killed in the second epoch
            TrainingRun resumed =
                    trainer(config(3, seed), m, tmp.resolve("b"), 12).build().fit(m, true);
            assertEquals(1, resumed.resumedEpochs());
            assertEquals(3, resumed.history().size());
            for (int e = 0; e < 3; e++) {
                EpochMetrics a = straight.history().get(e);
                EpochMetrics b = resumed.history().get(e);
                assertEquals(a.epoch(), b.epoch());
                assertEquals(a.trainLoss(), b.trainLoss(), 0.0, "epoch " + (e + 1));
                assertEquals(a.validation(), b.validation(), "epoch " + (e + 1));
            }
        }
    }
}
