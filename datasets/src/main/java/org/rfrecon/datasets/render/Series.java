package org.rfrecon.datasets.render;

/**
 * One line of a {@link LinePlot}.
 *
 * @param name the legend entry
 * @param x the abscissae
 * @param y the ordinates, as many as {@code x}; NaN values leave a gap
 */
public record Series(String name, double[] x, double[] y) {

    /**
     * @throws IllegalArgumentException if the lengths differ or are zero
     */
    public Series {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException(
                    "series '" + name + "' has " + x.length + " x and " + y.length + " y values");
        }
        x = x.clone();
        y = y.clone();
    }
}
