/**
 * The physics of a reconstruction, in one place: {@link org.rfrecon.core.physics.SensingModel} owns
 * the sensing operator (from a geometry's Fresnel factors, from stored factors, or any {@link
 * org.rfrecon.core.operator.LinearOperator}), its norm, the lambda reference {@code ||A^H y||_inf}
 * and the ADMM data-fidelity step. Solvers and networks take what it supplies; nothing outside core
 * chooses an operator class.
 */
package org.rfrecon.core.physics;
