package org.rfrecon.core.solver;

/**
 * ADMM's initial penalty as a multiple of {@code ||A||^2} (the largest eigenvalue of {@code A^H
 * A}), so that it scales with the operator's gain.
 *
 * @param fraction {@code rho / ||A||^2}, positive
 */
public record RhoRule(double fraction) {

    /** Validates. */
    public RhoRule {
        if (!(fraction > 0) || !Double.isFinite(fraction)) {
            throw new IllegalArgumentException("rho fraction must be positive, got " + fraction);
        }
    }

    /** {@code fraction} times {@code ||A||^2}. */
    public static RhoRule ofLargestEigenvalue(double fraction) {
        return new RhoRule(fraction);
    }

    /** The absolute penalty for {@code ||A||^2 = largestEigenvalue}. */
    public double absolute(double largestEigenvalue) {
        return fraction * largestEigenvalue;
    }
}
