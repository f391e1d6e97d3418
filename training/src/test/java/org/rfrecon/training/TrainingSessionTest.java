package org.rfrecon.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.training.metric.SpecQualityMetrics;

/** A short real training run of the unrolled network on tiny learns. */
class TrainingSessionTest {

    @TempDir Path tmp;

    /** A session of {@code c} on the CPU in the test's directory, scored by {@code metrics}. */
    private TrainingSession session(TrainConfig c, QualityMetrics metrics) throws IOException {
        return TrainingSession.builder()
                .setConfig(c)
                .optDevice(Device.cpu())
                .setRunDirectory(tmp)
                .setMetrics(metrics)
                .build();
    }

    @Test
    void cudaGraphsOnTheCpuOrOverSeveralDevicesAreRefusedBeforeAnyWork() {
        TrainConfig c = TinyConfigs.tiny("{epochs: 1, train_count: 8, val_count: 4, stages: 2}");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                TrainingSession.builder()
                                        .setConfig(c)
                                        .optDevice(Device.cpu())
                                        .optCudaGraphs(true)
                                        .setRunDirectory(tmp)
                                        .setMetrics(ToyReconstructions.NMSE_ONLY)
                                        .build());
        assertTrue(e.getMessage().contains("GPU"), e.getMessage());
        e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                TrainingSession.builder()
                                        .setConfig(c)
                                        .optDevices(List.of(Device.cpu(), Device.cpu()))
                                        .optCudaGraphs(true)
                                        .setRunDirectory(tmp)
                                        .setMetrics(ToyReconstructions.NMSE_ONLY)
                                        .build());
        assertTrue(e.getMessage().contains("2 devices"), e.getMessage());
    }

    @Test
    void shortTrainingOnTinyLowersTheValidationLoss() throws IOException {
        TrainConfig c =
                TinyConfigs.tiny(
                        "{epochs: 3, train_count: 24, val_count: 8, stages: 3, cg_iterations: 3,"
                                + " cnn_width: 6, batch_size: 8}");
        try (TrainingSession s = session(c, ToyReconstructions.NMSE_ONLY)) {
            double before = s.validationLoss();
            TrainingSummary summary = s.run(false);
            double after = s.validationLoss();
            assertEquals(3, summary.epochs());
            assertTrue(after < before, "validation loss " + before + " -> " + after);
            assertTrue(summary.parameters() > 0);
            assertTrue(
                    Double.isFinite(summary.network().nmseDb())
                            && Double.isFinite(summary.admm().nmseDb()));
        }
    }

    /**
     * Learning works: 24 steps of a tiny network (fresh exact-physics mixed scenes, K = 3) lower
     * its held-out NMSE below its own initialisation by {@link #MARGIN_DB} and below ADMM-l1 run
     * for the same 3 iterations by {@link #ADMM_MARGIN_DB} (measured gains in docs/training.md,
     * "Learning works").
     */
    @Test
    void trainedTinyNetworkBeatsItsInitialisationAndEqualIterationAdmm() throws IOException {
        TrainConfig c =
                TinyConfigs.tiny(
                        "{physics: 'exact', scene: 'mixed', epochs: 3, train_count: 64,"
                                + " val_count: 16, stages: 3, cg_iterations: 8, initial_rho: 0.02,"
                                + " cnn_width: 8, batch_size: 8, learning_rate: 3e-3, seed: "
                                + (System.nanoTime() % 1_000_000)
                                + "}");
        try (TrainingSession s = session(c, new SpecQualityMetrics())) {
            double initial = s.validationNmseDb();
            TrainingSummary summary = s.run(false);
            double trained = summary.network().nmseDb();
            double admm = summary.admm().nmseDb();
            System.out.printf(
                    java.util.Locale.ROOT,
                    "learning works (seed %d): initial %.2f dB, trained %.2f dB, ADMM-%d %.2f dB%n",
                    c.seed(),
                    initial,
                    trained,
                    c.architecture().stages(),
                    admm);
            assertTrue(
                    trained < initial - MARGIN_DB,
                    "trained " + trained + " dB vs initial " + initial + " dB");
            assertTrue(
                    trained < admm - ADMM_MARGIN_DB,
                    "trained " + trained + " dB vs ADMM " + admm + " dB");
        }
    }

    /**
     * The margin over the initialisation the learning test asserts, in dB: measured -0.27 dB
     * initial, -0.47 dB trained (seed 591351, 2026-12-01), a gain of 0.20 dB.
     */
    static final double MARGIN_DB = 0.08;

    /** The margin over equal-iteration ADMM-l1 (measured -0.19 dB there: 0.28 dB), in dB. */
    static final double ADMM_MARGIN_DB = 0.12;
}
