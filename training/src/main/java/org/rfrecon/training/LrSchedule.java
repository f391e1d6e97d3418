package org.rfrecon.training;

import ai.djl.training.tracker.Tracker;
import org.rfrecon.core.naming.Named;

/**
 * How the learning rate moves over a run. The name in configs ({@link #id()}) is {@code constant}
 * or {@code cosine}.
 */
public enum LrSchedule implements Named {
    /** The learning rate throughout. */
    CONSTANT,
    /** From the learning rate down to 1% of it over all steps of the run (cosine). */
    COSINE;

    /**
     * The tracker of a run of {@code totalSteps} optimizer steps starting at {@code learningRate}:
     * a function of the step count only, which checkpoints restore.
     */
    public Tracker tracker(float learningRate, long totalSteps) {
        if (this == COSINE) {
            return Tracker.cosine()
                    .setBaseValue(learningRate)
                    .optFinalValue(learningRate * 0.01f)
                    .setMaxUpdates((int) Math.max(1, totalSteps))
                    .build();
        }
        return Tracker.fixed(learningRate);
    }
}
