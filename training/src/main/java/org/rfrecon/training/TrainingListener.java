package org.rfrecon.training;

/**
 * Receives the progress of a training run (the command line draws a progress bar from it). All
 * methods have empty defaults; implementations see values, never the network.
 */
public interface TrainingListener {

    /** An epoch starts with {@code steps} optimizer steps. */
    default void onEpochStart(int epoch, int steps) {}

    /** A step finished with the given training loss. */
    default void onStep(TrainingState state, double loss) {}

    /** An epoch finished; {@code row} is its line of metrics.csv. */
    default void onEpochEnd(EpochMetrics row) {}
}
