package org.rfrecon.datasets.scene;

/**
 * Derives independent seeds for sample {@code i} of a run with seed {@code s}: SplitMix64's
 * finaliser applied to a mix of the seed, the index and a stream number, so neighbouring indices
 * and streams give unrelated {@link java.util.Random} sequences. The rule is part of the file
 * format's reproducibility promise (docs/datasets.md): never change it.
 */
public final class Seeds {

    /** The stream that draws a scene. */
    public static final int SCENE = 0;

    /** The stream that draws measurement noise. */
    public static final int NOISE = 1;

    private Seeds() {}

    /** The seed of stream {@code stream} of sample {@code index} in a run seeded {@code seed}. */
    public static long derive(long seed, long index, int stream) {
        long z = seed;
        z = mix(z + 0x9E3779B97F4A7C15L * (index + 1));
        z = mix(z + 0xD1B54A32D192ED03L * (stream + 1));
        return z;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
