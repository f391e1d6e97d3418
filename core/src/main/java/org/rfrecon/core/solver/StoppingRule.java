package org.rfrecon.core.solver;

/**
 * When an iterative solver stops: after {@code maxIterations}, or earlier when its convergence
 * measure (documented per solver) falls below {@code tolerance}. The measure is read from the
 * device only every {@code checkEvery} iterations, so iterations run without host round trips.
 *
 * @param maxIterations the iteration cap (at least 1)
 * @param tolerance the relative tolerance ({@code 0} runs to the cap)
 * @param checkEvery how often the measure is read (at least 1)
 */
public record StoppingRule(int maxIterations, double tolerance, int checkEvery) {

    /** Validates. */
    public StoppingRule {
        if (maxIterations < 1 || !(tolerance >= 0) || checkEvery < 1) {
            throw new IllegalArgumentException(
                    "stopping rule needs maxIterations >= 1, tolerance >= 0, checkEvery >= 1");
        }
    }

    /** {@code maxIterations} iterations, checking every 10 against {@code tolerance}. */
    public static StoppingRule of(int maxIterations, double tolerance) {
        return new StoppingRule(maxIterations, tolerance, 10);
    }

    /** Exactly {@code iterations} iterations, never reading the device. */
    public static StoppingRule fixed(int iterations) {
        return new StoppingRule(iterations, 0, Integer.MAX_VALUE);
    }

    /** Whether iteration {@code k} (1-based, just finished) reads the convergence measure. */
    public boolean checksAt(int k) {
        return tolerance > 0 && (k % checkEvery == 0 || k == maxIterations);
    }
}
