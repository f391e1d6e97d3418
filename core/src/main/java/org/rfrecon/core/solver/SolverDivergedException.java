package org.rfrecon.core.solver;

/**
 * A solver's iterate became NaN or infinite, or its residual exploded; the solver stops instead of
 * returning garbage. The message says which solver, at which iteration, and what to try.
 */
public final class SolverDivergedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** A one-line description. */
    public SolverDivergedException(String message) {
        super(message);
    }
}
