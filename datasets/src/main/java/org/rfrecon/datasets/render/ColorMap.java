package org.rfrecon.datasets.render;

/** Colour maps from [0, 1] to RGB, by linear interpolation between anchor colours. */
public enum ColorMap {
    /** Matplotlib's perceptually uniform viridis (9 anchors), dark blue to yellow. */
    VIRIDIS(
            0x440154, 0x472c7a, 0x3b518b, 0x2c718e, 0x21908d, 0x27ad81, 0x5cc863, 0xaadc32,
            0xfde725),
    /** Matplotlib's inferno (9 anchors), black to pale yellow. */
    INFERNO(
            0x000004, 0x1f0c48, 0x550f6d, 0x88226a, 0xba3655, 0xe35933, 0xf98e09, 0xf6c93c,
            0xfcffa4),
    /** Black to white. */
    GRAY(0x000000, 0xffffff);

    private final int[] anchors;

    ColorMap(int... anchors) {
        this.anchors = anchors;
    }

    /** The packed RGB colour of {@code t} (clamped to [0, 1]; NaN maps to 0). */
    public int rgb(double t) {
        double c = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t));
        double pos = c * (anchors.length - 1);
        int i = Math.min((int) pos, anchors.length - 2);
        double f = pos - i;
        int a = anchors[i];
        int b = anchors[i + 1];
        int r = mix(a >> 16, b >> 16, f);
        int g = mix(a >> 8, b >> 8, f);
        int bl = mix(a, b, f);
        return (r << 16) | (g << 8) | bl;
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
    }
}
