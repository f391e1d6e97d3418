package org.rfrecon.core.solver;

import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.prox.Prox;

/**
 * The default recipe of each classical method, stated once (the command line, the demo, the
 * benchmarks and the trainer's baselines all read it here). How the values were chosen:
 * docs/solvers.md ("Defaults").
 */
public final class SolverDefaults {

    private SolverDefaults() {}

    /** ADMM's initial rho: {@code 0.1 ||A||^2}. */
    public static final RhoRule ADMM_RHO = RhoRule.ofLargestEigenvalue(0.1);

    /** ADMM's residual balancing in {@code reconstruct}: Boyd's, every 10 iterations. */
    public static final Balancing ADMM_BALANCING = Balancing.every(10);

    /** CG iterations of ADMM's default x-step. */
    public static final int ADMM_CG_ITERATIONS = 10;

    /** FISTA's default restart scheme. */
    public static final Restart FISTA_RESTART = Restart.GRADIENT;

    /**
     * The unrolled network's initial soft-threshold fraction of {@code ||A^H y||_inf}, which its
     * equal-compute ADMM baseline keeps.
     */
    public static final LambdaRule UNROLLED_LAMBDA = LambdaRule.ofAtyInf(0.05);

    /** The unrolled network's initial rho, which its equal-compute ADMM baseline keeps. */
    public static final RhoRule UNROLLED_RHO = RhoRule.ofLargestEigenvalue(0.5);

    /** The default recipe of {@code method}. */
    public static Recipe recipe(Method method) {
        return switch (method) {
            case BACKPROJECTION -> new Recipe(method, null, 1, 0);
            case CG -> new Recipe(method, LambdaRule.ofLargestEigenvalue(0.01), 200, 1e-6);
            case FISTA -> new Recipe(method, LambdaRule.ofAtyInf(0.05), 200, 1e-5);
            case ADMM -> new Recipe(method, LambdaRule.ofAtyInf(0.05), 200, 1e-5);
        };
    }

    /**
     * The default solver of {@code method} with an absolute lambda already resolved.
     *
     * @param method the method
     * @param op the sensing operator
     * @param prox the regulariser with its absolute lambda (ignored for backprojection and cg)
     * @param lambda the absolute lambda (cg only)
     * @param largestEigenvalue {@code ||A||^2}
     * @param xStep ADMM's x-step, or null for the default CG x-step
     * @param iterations the iteration cap
     * @param listener receives each iteration's figures (a progress display), or null for none
     * @return the configured solver
     */
    public static IterativeSolver<?> solver(
            Method method,
            LinearOperator op,
            Prox prox,
            double lambda,
            double largestEigenvalue,
            XStep xStep,
            int iterations,
            IterationListener listener) {
        StoppingRule rule = recipe(method).rule(iterations);
        return switch (method) {
            case BACKPROJECTION -> Backprojection.of(op);
            case CG ->
                    TikhonovCg.builder()
                            .setOperator(op)
                            .setLambda(lambda)
                            .optStoppingRule(rule)
                            .optListener(listener)
                            .build();
            case FISTA ->
                    Fista.builder()
                            .setOperator(op)
                            .setProx(prox)
                            .optLipschitz(largestEigenvalue)
                            .optRestart(FISTA_RESTART)
                            .optStoppingRule(rule)
                            .optListener(listener)
                            .build();
            case ADMM ->
                    admmBuilder(op, prox, largestEigenvalue, xStep, iterations)
                            .optListener(listener)
                            .build();
        };
    }

    /**
     * The ADMM of {@code reconstruct --method admm} (also the demo's): rho {@link #ADMM_RHO} with
     * {@link #ADMM_BALANCING}, at most {@code iterations} iterations, stopping at the recipe's
     * tolerance.
     *
     * @param xStep the x-step, or null for {@link #ADMM_CG_ITERATIONS} fixed CG iterations
     */
    public static Admm admm(
            LinearOperator op, Prox prox, double largestEigenvalue, XStep xStep, int iterations) {
        return admmBuilder(op, prox, largestEigenvalue, xStep, iterations).build();
    }

    private static Admm.Builder admmBuilder(
            LinearOperator op, Prox prox, double largestEigenvalue, XStep xStep, int iterations) {
        return Admm.builder()
                .setOperator(op)
                .setProx(prox)
                .optRho(ADMM_RHO.absolute(largestEigenvalue))
                .optBalancing(ADMM_BALANCING)
                .optXStep(
                        xStep != null
                                ? xStep
                                : new CgXStep(op, StoppingRule.fixed(ADMM_CG_ITERATIONS)))
                .optStoppingRule(recipe(Method.ADMM).rule(iterations));
    }
}
