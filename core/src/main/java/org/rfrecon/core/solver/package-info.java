/**
 * Solvers for the reconstruction problems of SPEC §4, matrix-free on any {@link
 * org.rfrecon.core.operator.LinearOperator}: conjugate gradients (Tikhonov, and the ADMM x-step),
 * FISTA and ADMM (l1 or TV through a {@link org.rfrecon.core.prox.Prox}), power iteration for
 * {@code ||A||^2} and scaled backprojection. ADMM's x-step is an {@link
 * org.rfrecon.core.solver.XStep}: CG by default, the exact eigen-solve when the normal operator is
 * one Kronecker product; {@link org.rfrecon.core.physics.SensingModel} chooses. Stopping rules are
 * typed ({@link org.rfrecon.core.solver.StoppingRule}); listeners see each iteration.
 */
package org.rfrecon.core.solver;
