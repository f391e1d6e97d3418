package org.rfrecon.training;

/**
 * Receives the events of a training run, as DJL's {@code TrainingListener}s do: each feature around
 * the optimisation loop (checkpoints, {@code metrics.csv}, the divergence stop, the memory probe, a
 * progress bar) is one listener attached to the {@link ReconTrainer} ({@link TrainingListeners} has
 * the standard ones). All methods have empty defaults; listeners are called in the order they were
 * attached, and see the trainer read-only.
 *
 * <p>Order of events: {@link #onTrainingBegin} once (after a resume has restored its checkpoint),
 * then per epoch {@link #onEpochStart}, per step {@link #onStepBegin} and {@link #onStepEnd}, then
 * {@link #onEpochEnd}; {@link #onTrainingEnd} last, however the run ends (also when a listener
 * stops it by throwing).
 */
public interface TrainingListener {

    /** The run starts, or resumes at {@code trainer.state()}. */
    default void onTrainingBegin(ReconTrainer trainer) {}

    /** An epoch starts with {@code steps} optimizer steps. */
    default void onEpochStart(int epoch, int steps) {}

    /** A step starts its work, from {@code state}; its temporaries are not allocated yet. */
    default void onStepBegin(TrainingState state) {}

    /** A step finished (its temporaries still live): see {@link StepResult}. */
    default void onStepEnd(StepResult step) {}

    /** An epoch finished and was validated; {@code row} is its line of metrics.csv. */
    default void onEpochEnd(ReconTrainer trainer, EpochMetrics row) {}

    /** The run ends: every epoch done, the step budget reached, or an exception on its way out. */
    default void onTrainingEnd(ReconTrainer trainer) {}

    /**
     * What one optimizer step did.
     *
     * @param state the state after the step
     * @param loss the step's training loss (non-finite when it diverged)
     * @param applied whether the update was applied: false when the loss or a gradient was not
     *     finite, and the step was skipped
     */
    record StepResult(TrainingState state, double loss, boolean applied) {}
}
