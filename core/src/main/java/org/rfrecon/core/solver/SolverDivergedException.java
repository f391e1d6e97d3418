package org.rfrecon.core.solver;

/**
 * A solver's iterate became NaN or infinite, or its residual exploded; the solver stops instead of
 * returning garbage ({@link StopReason#DIVERGED}). The message says which solver, at which
 * iteration, and what to try.
 */
public final class SolverDivergedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final int iteration;

    /** A one-line description; the iteration is unknown (-1). */
    public SolverDivergedException(String message) {
        this(message, -1);
    }

    /** A one-line description and the iteration at which the solver stopped. */
    public SolverDivergedException(String message, int iteration) {
        super(message);
        this.iteration = iteration;
    }

    /** Always {@link StopReason#DIVERGED}. */
    public StopReason reason() {
        return StopReason.DIVERGED;
    }

    /** The iteration at which the solver stopped, or -1 if unknown. */
    public int iteration() {
        return iteration;
    }
}
