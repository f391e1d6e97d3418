package org.rfrecon.core.solver;

/**
 * ADMM's residual balancing (Boyd et al. 2011, §3.4.1): every {@code every} iterations, when the
 * primal residual exceeds {@code mu} times the dual one, {@code rho} is multiplied by {@code tau}
 * (and the scaled dual divided by it); in the opposite case divided. Its schedule is its own, not
 * the stopping rule's, so balancing also acts under {@link StoppingRule#fixed}.
 *
 * @param every how often the residuals are compared (0: never, balancing off)
 * @param mu the residual ratio that triggers a change (> 1)
 * @param tau the factor rho changes by (> 1)
 */
public record Balancing(int every, double mu, double tau) {

    /** No balancing: rho stays fixed. */
    public static final Balancing OFF = new Balancing(0, 10, 2);

    /** Validates. */
    public Balancing {
        if (every < 0 || !(mu > 1) || !(tau > 1)) {
            throw new IllegalArgumentException(
                    "balancing needs every >= 0, mu > 1, tau > 1; got "
                            + every
                            + ", "
                            + mu
                            + ", "
                            + tau);
        }
    }

    /** Boyd's choice {@code mu = 10}, {@code tau = 2}, every {@code every} iterations. */
    public static Balancing every(int every) {
        return new Balancing(every, 10, 2);
    }

    /** Whether balancing acts after iteration {@code k}. */
    public boolean actsAt(int k) {
        return every > 0 && k % every == 0;
    }

    /** The factor to multiply rho by given the residuals (1: leave it). */
    public double factor(double primal, double dual) {
        if (primal > mu * dual) {
            return tau;
        }
        return dual > mu * primal ? 1 / tau : 1;
    }
}
