package org.rfrecon.unrolled.regularizer;

/** The inverse of {@code softplus(t) = log(1 + e^t)}, for initialising positive parameters. */
public final class Softplus {

    private Softplus() {}

    /** {@code t} with {@code softplus(t) = value}; {@code value > 0}. */
    public static double inverse(double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException("softplus takes positive values only, got " + value);
        }
        return value > 30 ? value : Math.log(Math.expm1(value));
    }
}
