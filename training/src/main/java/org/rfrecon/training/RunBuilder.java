package org.rfrecon.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the builders of {@link ReconTrainer} and {@link TrainingSession} share: the run's
 * configuration, where it writes, how held-out quality is measured, and the listeners added after
 * the standard ones. A session hands the same four on to its trainer.
 *
 * @param <B> the builder's own type
 */
abstract class RunBuilder<B extends RunBuilder<B>> {
    TrainConfig config;
    Path runDirectory;
    QualityMetrics metrics;
    final List<TrainingListener> listeners = new ArrayList<>();

    RunBuilder() {}

    abstract B self();

    /** The run's configuration (required). */
    public B setConfig(TrainConfig config) {
        this.config = config;
        return self();
    }

    /** Where config, metrics and checkpoints go (required). */
    public B setRunDirectory(Path runDirectory) {
        this.runDirectory = runDirectory;
        return self();
    }

    /** How held-out quality is measured (required). */
    public B setMetrics(QualityMetrics metrics) {
        this.metrics = metrics;
        return self();
    }

    /**
     * Listeners run after the standard ones (optional; for example a progress bar), in the order
     * given.
     */
    public B addTrainingListeners(TrainingListener... more) {
        listeners.addAll(List.of(more));
        return self();
    }
}
