/**
 * The unrolled ADMM network: {@link org.rfrecon.unrolled.UnrolledAdmm}, a DJL block whose stages
 * are the classical solver's {@link org.rfrecon.core.solver.AdmmStep} with learned parameters, its
 * {@link org.rfrecon.unrolled.Architecture}, and gradient steps with or without per-stage
 * checkpointing.
 */
package org.rfrecon.unrolled;
