package org.rfrecon.core.solver;

/**
 * Receives a solver's per-iteration figures (for plots and logs). A solver with a listener reads
 * the figures from the device every iteration; without one it reads them only at its checks.
 */
@FunctionalInterface
public interface IterationListener {

    /** Called after each iteration. */
    void onIteration(IterationInfo info);
}
