/**
 * Classical solvers behind one steppable contract ({@link org.rfrecon.core.solver.IterativeSolver}:
 * setup / step / done / finish, a typed state record each, an {@link
 * org.rfrecon.core.solver.IterationListener} and a {@link org.rfrecon.core.solver.StoppingRule}
 * that says why it stopped): power iteration, backprojection, conjugate gradients, Tikhonov CG,
 * FISTA with adaptive restart and ADMM, plus the ADMM pieces ({@link
 * org.rfrecon.core.solver.AdmmStep}, x-steps) the unrolled network reuses, and the default recipe
 * of each method ({@link org.rfrecon.core.solver.SolverDefaults}). ADMM's x-step is an {@link
 * org.rfrecon.core.solver.XStep}: CG by default, the exact eigen-solve when the normal operator is
 * one Kronecker product; {@link org.rfrecon.core.physics.SensingModel} chooses.
 */
package org.rfrecon.core.solver;
