package org.rfrecon.core.solver;

/**
 * A method's default settings: how lambda is chosen, the iteration cap and the stopping tolerance.
 * ADMM's further settings (rho, balancing, the x-step) are constants of {@link SolverDefaults}.
 *
 * @param method the method
 * @param lambda the lambda rule (null for backprojection)
 * @param iterations the iteration cap
 * @param tolerance the stopping rule's relative tolerance
 */
public record Recipe(Method method, LambdaRule lambda, int iterations, double tolerance) {

    /** The stopping rule of this recipe with cap {@code iterations} (checks every 10). */
    public StoppingRule rule(int iterations) {
        return StoppingRule.of(iterations, tolerance);
    }

    /** The stopping rule with the recipe's own cap. */
    public StoppingRule rule() {
        return rule(iterations);
    }
}
