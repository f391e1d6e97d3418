package org.rfrecon.datasets.scene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.complex.ComplexTensor;

/** Scene generators: reproducibility, variety, content and configuration checks. */
class SceneGeneratorTest {

    private static final long SEED = System.nanoTime();

    @Test
    void sameSeedSameScene() {
        for (SceneKind k : SceneKind.values()) {
            SceneGenerator g = new SceneGenerator(SceneConfig.of(k), new Shape(16, 16));
            SceneGenerator h = new SceneGenerator(SceneConfig.of(k), new Shape(16, 16));
            assertArrayEquals(
                    g.sampleInterleaved(SEED, 3),
                    h.sampleInterleaved(SEED, 3),
                    k + " seed " + SEED);
        }
    }

    /**
     * The device copy is made from the host draw, so its values are the host's bit for bit: the
     * engine's RNG (which differs between CPU and GPU) is never used.
     */
    @Test
    void deviceSampleIsTheHostDraw() {
        SceneGenerator g =
                new SceneGenerator(SceneConfig.of(SceneKind.MIXED), new Shape(8, 16, 16));
        try (NDManager m = NDManager.newBaseManager()) {
            ComplexTensor x = g.sample(m, DataType.FLOAT64, SEED, 5);
            assertArrayEquals(g.sampleInterleaved(SEED, 5), x.toInterleaved(), "seed " + SEED);
        }
    }

    @Test
    void differentSeedsOrIndicesDifferentScenes() {
        SceneGenerator g =
                new SceneGenerator(SceneConfig.of(SceneKind.MIXED), new Shape(8, 16, 16));
        double[] a = g.sampleInterleaved(SEED, 0);
        assertFalse(Arrays.equals(a, g.sampleInterleaved(SEED + 1, 0)), "seed " + SEED);
        assertFalse(Arrays.equals(a, g.sampleInterleaved(SEED, 1)), "seed " + SEED);
    }

    @Test
    void pointScenesHaveTheRequestedCountsAndRange() {
        SceneConfig c =
                SceneConfig.builder()
                        .optKind(SceneKind.POINTS)
                        .optPointCount(5, 5)
                        .optDynamicRangeDb(20)
                        .optMargin(0.2)
                        .build();
        SceneGenerator g = new SceneGenerator(c, new Shape(32, 32));
        double[] x = g.sampleInterleaved(SEED, 0);
        int nonzero = 0;
        double largest = 0;
        double sum = 0;
        for (int i = 0; i < x.length / 2; i++) {
            double m = Math.hypot(x[2 * i], x[2 * i + 1]);
            if (m > 0) {
                nonzero++;
                largest = Math.max(largest, m);
                sum += m;
                int r = i / 32;
                int col = i % 32;
                assertTrue(r >= 6 && r <= 25 && col >= 6 && col <= 25, "inside the margin: " + i);
            }
        }
        // coinciding points add, so at most 5 distinct pixels, and a pixel of two points may
        // exceed one point's amplitude: each point is at most 1, so the pixels sum to at most 5
        assertTrue(nonzero >= 1 && nonzero <= 5, nonzero + " points, seed " + SEED);
        assertTrue(sum <= 5 + 1e-12, "amplitudes sum to " + sum + ", seed " + SEED);
        if (nonzero == 5) {
            assertTrue(largest <= 1 + 1e-12, "amplitude " + largest + ", seed " + SEED);
        }
    }

    @Test
    void shapeScenesCoverAboutTheDensity() {
        SceneConfig c =
                SceneConfig.builder()
                        .optKind(SceneKind.SHAPES)
                        .optShapeCount(2, 2)
                        .optDensity(0.2)
                        .build();
        SceneGenerator g = new SceneGenerator(c, new Shape(64, 64));
        double covered = 0;
        int samples = 20;
        for (int s = 0; s < samples; s++) {
            double[] x = g.sampleInterleaved(SEED, s);
            for (int i = 0; i < x.length / 2; i++) {
                covered += x[2 * i] != 0 || x[2 * i + 1] != 0 ? 1 : 0;
            }
        }
        double fraction = covered / samples / (64 * 64);
        assertTrue(fraction > 0.08 && fraction < 0.3, "covered " + fraction + ", seed " + SEED);
    }

    @Test
    void phasesAreSpread() {
        SceneConfig c =
                SceneConfig.builder().optKind(SceneKind.POINTS).optPointCount(40, 40).build();
        SceneGenerator g = new SceneGenerator(c, new Shape(64, 64));
        double[] x = g.sampleInterleaved(SEED, 0);
        int[] quadrant = new int[4];
        for (int i = 0; i < x.length / 2; i++) {
            if (x[2 * i] != 0 || x[2 * i + 1] != 0) {
                quadrant[(x[2 * i] >= 0 ? 0 : 1) + (x[2 * i + 1] >= 0 ? 0 : 2)]++;
            }
        }
        for (int q : quadrant) {
            assertTrue(
                    q > 0,
                    "phases in every quadrant " + Arrays.toString(quadrant) + ", seed " + SEED);
        }
    }

    @Test
    void volumesHaveThreeAxes() {
        SceneGenerator g =
                new SceneGenerator(SceneConfig.of(SceneKind.SHAPES), new Shape(8, 16, 16));
        assertEquals(new Shape(8, 16, 16), g.sceneShape());
        assertEquals(2 * 8 * 16 * 16, g.sampleInterleaved(SEED, 0).length);
    }

    @Test
    void badConfigsAreRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> SceneConfig.builder().optPointCount(5, 2).build());
        assertThrows(
                IllegalArgumentException.class, () -> SceneConfig.builder().optDensity(0).build());
        assertThrows(
                IllegalArgumentException.class, () -> SceneConfig.builder().optMargin(0.5).build());
        assertThrows(IllegalArgumentException.class, () -> SceneKind.byName("clouds"));
    }
}
