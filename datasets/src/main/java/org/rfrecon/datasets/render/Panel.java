package org.rfrecon.datasets.render;

/**
 * One image of a {@link Figure}: a magnitude image with a title.
 *
 * @param title shown above the image
 * @param width pixels across (the last axis of the array it came from)
 * @param height pixels down (the first axis); row 0 is drawn at the bottom (origin lower left)
 * @param magnitude non-negative values, row-major {@code (height, width)}
 */
public record Panel(String title, int width, int height, float[] magnitude) {

    /**
     * @throws IllegalArgumentException if the sizes do not match the values
     */
    public Panel {
        if (width < 1 || height < 1 || magnitude.length != (long) width * height) {
            throw new IllegalArgumentException(
                    "panel '"
                            + title
                            + "': "
                            + magnitude.length
                            + " values for "
                            + height
                            + " x "
                            + width);
        }
    }

    /** The largest finite value (0 if none is positive). */
    public double peak() {
        double m = 0;
        for (float v : magnitude) {
            if (Float.isFinite(v) && v > m) {
                m = v;
            }
        }
        return m;
    }
}
