package org.rfrecon.training;

import java.util.List;

/**
 * What {@link ReconTrainer#fit} did.
 *
 * @param state the state at the end
 * @param resumedEpochs the epochs found done in the checkpoint it resumed (0 without a resume)
 * @param history every epoch of the run, resumed ones included, oldest first
 */
public record TrainingRun(TrainingState state, int resumedEpochs, List<EpochMetrics> history) {

    /** Copies the history. */
    public TrainingRun {
        history = List.copyOf(history);
    }
}
