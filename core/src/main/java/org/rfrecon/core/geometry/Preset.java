package org.rfrecon.core.geometry;

import org.rfrecon.core.naming.Named;

/**
 * The named geometries of SPEC §5. Every preset shares the physics of SPEC §5 (carrier 28 GHz,
 * bandwidth 1 GHz, element spacing half a carrier wavelength, R0 = 2 m); the choices SPEC leaves
 * open (pair layout, pixel and slice spacing) are documented in docs/physics.md and fixed here:
 *
 * <ul>
 *   <li>Subcarriers sit at the centres of F equal bins across the band ({@code fc} alone when F =
 *       1).
 *   <li>Receive arrays of M2 x M1 elements abut on a Px x Py grid in the plane z = 0 (Py the
 *       largest divisor of P not above sqrt(P)); each pair's transmitter sits at its array's
 *       centre, so pair p sees the spatial-frequency band centred on {@code 2 k r_p / R0}.
 *   <li>Pixel spacing keeps the field of view within the Fresnel region (under about 0.7 m at R0 =
 *       2 m); volumes span range slices centred on R0.
 * </ul>
 *
 * <p>A preset's name on the command line and in files is its {@link Named#id()}: {@code TINY_3D} is
 * {@code tiny-3d}.
 */
public enum Preset implements Named {
    /** Unit tests and dense cross-checks. */
    TINY(0, 16, 16, 8, 8, 4, 2, 0.02, 0),
    /** Unit tests of the volume operator. */
    TINY_3D(8, 16, 16, 8, 8, 8, 2, 0.02, 0.05),
    /** The CPU training demo. */
    SMALL(0, 64, 64, 16, 16, 16, 6, 0.01, 0),
    /** The seed's dense vs Kronecker vs GPU timing. */
    SEED_2D(0, 128, 128, 64, 32, 1, 1, 0.005, 0),
    /** Batched vs per-subcarrier loop. */
    WIDEBAND_2D(0, 128, 128, 32, 32, 256, 6, 0.005, 0),
    /** 200-iteration ADMM on a volume. */
    VOLUME_3D(128, 128, 128, 64, 64, 64, 6, 0.005, 0.01),
    /** Memory scaling. */
    VOLUME_3D_LARGE(256, 256, 256, 64, 64, 128, 6, 0.0025, 0.005);

    /** Carrier frequency, Hz. */
    public static final double CARRIER_HZ = 28e9;

    /** Bandwidth, Hz. */
    public static final double BANDWIDTH_HZ = 1e9;

    /** Reference range, m. */
    public static final double R0 = 2.0;

    private final int n3;
    private final int n2;
    private final int n1;
    private final int m2;
    private final int m1;
    private final int numFrequencies;
    private final int numPairs;
    private final double pixel;
    private final double slice;

    Preset(
            int n3,
            int n2,
            int n1,
            int m2,
            int m1,
            int numFrequencies,
            int numPairs,
            double pixel,
            double slice) {
        this.n3 = n3;
        this.n2 = n2;
        this.n1 = n1;
        this.m2 = m2;
        this.m1 = m1;
        this.numFrequencies = numFrequencies;
        this.numPairs = numPairs;
        this.pixel = pixel;
        this.slice = slice;
    }

    /** Whether the preset describes a volume. */
    public boolean isVolume() {
        return n3 > 0;
    }

    /**
     * Looks a preset up by its command-line name.
     *
     * @throws IllegalArgumentException listing the known names
     */
    public static Preset byName(String name) {
        return Named.byId(
                values(), name, known -> "unknown preset '" + name + "'; known: " + known);
    }

    /** The geometry of this preset. */
    public Geometry geometry() {
        double lambda = Geometry.C0 / CARRIER_HZ;
        double d = lambda / 2;
        int py = 1;
        for (int k = 1; k * k <= numPairs; k++) {
            if (numPairs % k == 0) {
                py = k;
            }
        }
        int px = numPairs / py;
        double[][] tx = new double[numPairs][];
        double[][] rx = new double[numPairs][];
        for (int p = 0; p < numPairs; p++) {
            int ix = p % px;
            int iy = p / px;
            double cx = (ix - (px - 1) / 2.0) * m1 * d;
            double cy = (iy - (py - 1) / 2.0) * m2 * d;
            rx[p] = new double[] {cx, cy, 0};
            tx[p] = new double[] {cx, cy, 0};
        }
        double[] freq = new double[numFrequencies];
        for (int f = 0; f < numFrequencies; f++) {
            freq[f] =
                    numFrequencies == 1
                            ? CARRIER_HZ
                            : CARRIER_HZ
                                    - BANDWIDTH_HZ / 2
                                    + BANDWIDTH_HZ * (f + 0.5) / numFrequencies;
        }
        Geometry.Builder b =
                Geometry.builder()
                        .optPreset(id())
                        .setFreq(freq)
                        .setX(centred(n1, pixel))
                        .setY(centred(n2, pixel))
                        .setU(centred(m1, d))
                        .setV(centred(m2, d))
                        .setPairs(tx, rx)
                        .setR0(R0);
        if (n3 > 0) {
            double[] z = centred(n3, slice);
            for (int k = 0; k < n3; k++) {
                z[k] += R0;
            }
            b.optZ(z);
        }
        return b.build();
    }

    /** {@code n} points spaced {@code step} apart, centred on zero. */
    static double[] centred(int n, double step) {
        double[] a = new double[n];
        for (int k = 0; k < n; k++) {
            a[k] = (k - (n - 1) / 2.0) * step;
        }
        return a;
    }
}
