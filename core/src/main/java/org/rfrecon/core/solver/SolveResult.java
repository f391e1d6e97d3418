package org.rfrecon.core.solver;

import org.rfrecon.core.complex.ComplexTensor;

/**
 * What an {@link IterativeSolver} returns: the solution and how the solve ended.
 *
 * @param x the solution, owned by the measurements' manager
 * @param reason why the solver stopped
 * @param iterations the iterations run
 * @param maxIterations the stopping rule's cap
 * @param primalResidual the final convergence measure, as the solver's stopping rule reads it
 *     (ADMM: {@code ||x - z||}; FISTA: {@code ||x_k - x_{k-1}|| / ||x_k||}; CG: {@code ||r|| /
 *     ||b||}; power iteration: the relative change of the estimate); NaN where there is none
 * @param dualResidual ADMM's {@code rho ||z_k - z_{k-1}||}; NaN for the other solvers
 */
public record SolveResult(
        ComplexTensor x,
        StopReason reason,
        int iterations,
        int maxIterations,
        double primalResidual,
        double dualResidual) {

    /**
     * The result of a solve with one convergence measure (no dual residual) that ended after {@code
     * iterations} under {@code rule} with {@code x} in workspace {@code ws}: {@code x} is delivered
     * out of it (see {@link Workspace#deliver}).
     */
    static SolveResult delivered(
            Workspace ws,
            ComplexTensor x,
            StopReason reason,
            int iterations,
            StoppingRule rule,
            double primalResidual) {
        return new SolveResult(
                ws.deliver(x),
                reason,
                iterations,
                rule.maxIterations(),
                primalResidual,
                Double.NaN);
    }

    /** Whether the stopping rule's tolerance was met before the cap. */
    public boolean toleranceMet() {
        return reason == StopReason.TOLERANCE_MET;
    }
}
