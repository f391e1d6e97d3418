package org.rfrecon.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.rfrecon.core.device.MemoryProbe;
import org.rfrecon.datasets.io.AtomicFiles;

/**
 * The standard {@link TrainingListener}s of a run, one feature each: {@link Checkpoints} ({@code
 * last} after every epoch, {@code best} when validation improves), {@link MetricsCsv} ({@code
 * metrics.csv}), {@link DivergenceStop} (stops after {@value #MAX_NON_FINITE_STEPS} non-finite
 * steps in a row) and {@link StepMemory} (the peak native memory of a step).
 */
public final class TrainingListeners {

    /** Steps in a row with a non-finite loss or gradient after which training stops. */
    public static final int MAX_NON_FINITE_STEPS = 3;

    private TrainingListeners() {}

    /**
     * The standard set, in the order they run at an epoch's end: metrics.csv, then the checkpoints;
     * the divergence stop and the memory probe watch the steps.
     */
    public static List<TrainingListener> standard(Path runDirectory) {
        return List.of(
                new StepMemory(),
                new DivergenceStop(MAX_NON_FINITE_STEPS),
                new MetricsCsv(runDirectory.resolve("metrics.csv")),
                new Checkpoints());
    }

    /**
     * Saves the {@code last} checkpoint after every epoch and {@code best} when the epoch's
     * validation loss is the best so far, into the trainer's {@link CheckpointStore}.
     */
    public static final class Checkpoints implements TrainingListener {
        @Override
        public void onEpochEnd(ReconTrainer trainer, EpochMetrics row) {
            try {
                trainer.saveCheckpoint(CheckpointStore.LAST);
                if (trainer.lastEpochImproved()) {
                    trainer.saveCheckpoint(CheckpointStore.BEST);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Writes the run's epoch history to a CSV file ({@link EpochMetrics#HEADER}) after every epoch.
     */
    public static final class MetricsCsv implements TrainingListener {
        private final Path file;

        /** Writes {@code file} atomically. */
        public MetricsCsv(Path file) {
            this.file = file;
        }

        @Override
        public void onEpochEnd(ReconTrainer trainer, EpochMetrics row) {
            StringBuilder b = new StringBuilder(EpochMetrics.HEADER).append('\n');
            trainer.history().forEach(r -> b.append(r.toCsv()).append('\n'));
            try {
                AtomicFiles.write(
                        file, out -> out.write(b.toString().getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Stops a run whose steps keep failing: after {@code limit} skipped (non-finite) steps in a row
     * it throws {@link TrainingDivergedException}, before the epoch's checkpoint, so the last
     * checkpoint stays the last good one.
     */
    public static final class DivergenceStop implements TrainingListener {
        private final int limit;
        private int inARow;

        /** Stops after {@code limit} non-finite steps in a row. */
        public DivergenceStop(int limit) {
            this.limit = limit;
        }

        @Override
        public void onStepEnd(StepResult step) {
            if (step.applied()) {
                inARow = 0;
            } else if (++inARow >= limit) {
                throw new TrainingDivergedException(
                        String.format(
                                Locale.ROOT,
                                "training diverged: %d steps in a row with a non-finite"
                                        + " loss or gradient (epoch %d, step %d, loss %s);"
                                        + " the last checkpoint is kept; try a lower"
                                        + " learning_rate",
                                inARow,
                                step.state().epoch() + 1,
                                step.state().step(),
                                step.loss()));
            }
        }
    }

    /**
     * The peak of live native memory of one training step, measured as {@code rfrecon bench}
     * measures it: bytes above the step's start at its {@link MemoryProbe} sample points; the
     * median over the steps after the first ({@link StepPeaks}).
     */
    public static final class StepMemory implements TrainingListener {
        private final StepPeaks peaks = new StepPeaks();
        private MemoryProbe probe;

        @Override
        public void onStepBegin(TrainingState state) {
            closeProbe();
            probe = MemoryProbe.open();
        }

        @Override
        public void onStepEnd(StepResult step) {
            peaks.add(probe.peakAboveStart());
            closeProbe();
        }

        @Override
        public void onTrainingEnd(ReconTrainer trainer) {
            closeProbe(); // a step that failed left its probe open
        }

        private void closeProbe() {
            if (probe != null) {
                probe.close();
                probe = null;
            }
        }

        /**
         * The median peak after the first step (which also allocates one-time state: the
         * optimiser's moments, the engine's caches and thread pools); the first step's alone when
         * only one ran; -1 if none was measured.
         */
        public long peakStepBytes() {
            return peaks.value();
        }
    }
}
