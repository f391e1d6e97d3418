package org.rfrecon.core.solver;

/**
 * What a solver reports about one iteration to its {@link IterationListener}: values only, never
 * the iterates. Quantities a solver does not compute are NaN.
 *
 * @param iteration the iteration just finished (1-based)
 * @param objective the objective value
 * @param primalResidual ADMM's {@code ||x - z||}, CG's residual norm, FISTA's step norm
 * @param dualResidual ADMM's {@code rho ||z - z_prev||}
 * @param rho ADMM's penalty (NaN elsewhere)
 */
public record IterationInfo(
        int iteration, double objective, double primalResidual, double dualResidual, double rho) {}
