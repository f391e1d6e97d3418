package org.rfrecon.core.solver;

import ai.djl.ndarray.NDArray;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * One iteration of scaled-form ADMM (Boyd et al., 2011, "Distributed optimization and statistical
 * learning via the alternating direction method of multipliers", §3.1.1) for {@code minimize 1/2
 * ||A x - y||^2 + R(z) s.t. x = z}:
 *
 * <pre>
 *   x+ = (A^H A + rho I)^-1 (A^H y + rho (z - u))     the x-step
 *   z+ = prox_{R/rho}(x+ + u)                          the z-step
 *   u+ = u + eta (x+ - z+)                             the dual step (eta = 1 classically)
 * </pre>
 *
 * <p>A pure function of NDArray operations: the classical {@link Admm} calls it with fixed {@code
 * rho} and a proximal map; the unrolled network calls the same function with learned {@code rho},
 * {@code eta} and a learned z-step, and autograd flows through it. One algorithm, two uses.
 */
public final class AdmmStep {

    private AdmmStep() {}

    /**
     * Runs one iteration from {@code s}; {@code s} is not modified or closed.
     *
     * @param aty {@code A^H y}
     * @param s the current iterates
     * @param xStep solves the x-step system (warm-started from {@code s.x()})
     * @param zStep the regulariser's proximal step
     * @param rho the penalty, a positive scalar array
     * @param eta the dual step, a positive scalar array
     */
    public static AdmmState apply(
            ComplexTensor aty, AdmmState s, XStep xStep, ZStep zStep, NDArray rho, NDArray eta) {
        ComplexTensor rhs = aty.add(s.z().sub(s.u()).scale(rho));
        ComplexTensor x = xStep.solve(rhs, rho, s.x());
        ComplexTensor z = zStep.apply(x.add(s.u()), rho);
        ComplexTensor u = s.u().add(x.sub(z).scale(eta));
        return new AdmmState(x, z, u);
    }
}
