package org.rfrecon.core.solver;

/**
 * FISTA's adaptive restart (O'Donoghue and Candes, 2015, "Adaptive restart for accelerated gradient
 * schemes", Found. Comput. Math. 15, §3.2): reset the momentum ({@code t = 1}, next extrapolation
 * point the new iterate) when it points uphill.
 */
public enum Restart {
    /** Plain FISTA: never restart. */
    NONE,
    /**
     * Restart when {@code Re <z_k - x_{k+1}, x_{k+1} - x_k> > 0}: the prox-gradient step and the
     * momentum disagree. Decided on the device: no host read.
     */
    GRADIENT,
    /**
     * Restart when the objective rises, {@code F(x_{k+1}) > F(x_k)}: one more forward and a host
     * read each iteration.
     */
    FUNCTION
}
