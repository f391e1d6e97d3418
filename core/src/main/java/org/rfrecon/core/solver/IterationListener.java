package org.rfrecon.core.solver;

/**
 * Receives a solver's per-iteration figures (for plots, logs and progress displays). It sees a
 * read-only view: an {@link IterationInfo} of values, never the iterates, so it cannot change the
 * solve (the solver contract test checks that a listened-to solve gives the same bits). A solver
 * with a listener reads the figures from the device every iteration; without one it reads them only
 * at its checks.
 */
@FunctionalInterface
public interface IterationListener {

    /** Called after each iteration. */
    void onIteration(IterationInfo info);
}
