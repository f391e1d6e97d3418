package org.rfrecon.training.metric;

/**
 * The mean and sample standard deviation of a set of values (of a metric over scenes or seeds).
 *
 * @param mean the mean; NaN for no values
 * @param std the sample standard deviation ({@code n - 1} in the denominator); 0 for one value, NaN
 *     for none
 */
public record Spread(double mean, double std) {

    /** The spread of {@code values}. */
    public static Spread of(double[] values) {
        if (values.length == 0) {
            return new Spread(Double.NaN, Double.NaN);
        }
        double mean = 0;
        for (double x : values) {
            mean += x;
        }
        mean /= values.length;
        double ss = 0;
        for (double x : values) {
            ss += (x - mean) * (x - mean);
        }
        return new Spread(mean, values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0);
    }
}
