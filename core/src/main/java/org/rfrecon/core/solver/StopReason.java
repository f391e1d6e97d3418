package org.rfrecon.core.solver;

/** Why an iterative solver stopped. */
public enum StopReason {
    /** The solver's convergence measure fell below the stopping rule's tolerance at a check. */
    TOLERANCE_MET,
    /** The iteration cap was reached (the only reason under {@link StoppingRule#fixed}). */
    ITERATION_CAP,
    /**
     * An iterate or residual became NaN or infinite; solvers report it by throwing {@link
     * SolverDivergedException}, which carries this reason and the iteration.
     */
    DIVERGED,
    /** A one-step method with a closed form ({@link Backprojection}): nothing to converge. */
    CLOSED_FORM;

    /** The lower-case name written to JSON and {@code meta} ({@code tolerance_met}, ...). */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
