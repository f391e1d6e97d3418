package org.rfrecon.training.ablation;

/** Progress of an ablation grid (the command line draws bars from it); empty defaults. */
public interface AblationListener {

    /** The grid starts: {@code total} (variant, seed) runs, {@code todo} of them not yet done. */
    default void onGridStart(int total, int todo) {}

    /** A run starts. */
    default void onRunStart(Variant variant, long seed) {}

    /** A run ended (ok or failed). */
    default void onRunEnd(ResultRow row) {}
}
