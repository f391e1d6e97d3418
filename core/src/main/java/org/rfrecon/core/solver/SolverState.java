package org.rfrecon.core.solver;

/**
 * The typed, immutable state of one solve of an {@link IterativeSolver} after some iterations. Each
 * solver has its own record ({@link Admm.State}, {@link Fista.State}, ...); the iterates it holds
 * live in a workspace manager that {@link IterativeSolver#finish} closes.
 */
public interface SolverState {

    /** The iterations run so far (0 after {@code setup}). */
    int iteration();
}
