package org.rfrecon.core.solver;

import java.util.Optional;

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

    /**
     * Why to stop after iteration {@code k}, or empty to continue: {@link StopReason#TOLERANCE_MET}
     * when {@code k} is a check and the solver's measure met the tolerance there, else {@link
     * StopReason#ITERATION_CAP} at the cap.
     *
     * @param k the iterations run (0 before the first)
     * @param converged whether the solver's measure met the tolerance at iteration {@code k}
     */
    public Optional<StopReason> decide(int k, boolean converged) {
        if (k >= 1 && converged && checksAt(k)) {
            return Optional.of(StopReason.TOLERANCE_MET);
        }
        return k >= maxIterations ? Optional.of(StopReason.ITERATION_CAP) : Optional.empty();
    }
}
