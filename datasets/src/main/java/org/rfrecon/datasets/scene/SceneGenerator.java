package org.rfrecon.datasets.scene;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;

/**
 * Draws random complex scenes of one grid shape, {@code (N2, N1)} or {@code (N3, N2, N1)}.
 *
 * <p>Point targets sit on grid points inside the margin, with amplitude {@code 10^(-u D/20)}
 * ({@code u} uniform, {@code D} the dynamic range) and a uniformly random phase; coinciding points
 * add. Extended shapes (a rectangle, ellipse or convex polygon in the (x, y) plane; in 3D extruded
 * over a random run of range slices, so boxes, elliptic cylinders and prisms) get one amplitude and
 * one uniformly random phase each, with constant magnitude or a smooth cosine ripple; later shapes
 * cover earlier ones. Mixed scenes draw shapes, then add points; {@code any} scenes first draw
 * which of the three they are.
 *
 * <p>Everything is drawn on the host from {@code new Random(Seeds.derive(seed, index,
 * Seeds.SCENE))}, so a sample's bytes depend only on (config, shape, seed, index).
 */
public final class SceneGenerator {

    private final SceneConfig config;
    private final int n1;
    private final int n2;
    private final int n3;

    /**
     * @param config what scenes contain
     * @param sceneShape {@code (N2, N1)} or {@code (N3, N2, N1)}
     */
    public SceneGenerator(SceneConfig config, Shape sceneShape) {
        int d = sceneShape.dimension();
        if (d != 2 && d != 3) {
            throw new IllegalArgumentException(
                    "a scene is (N2, N1) or (N3, N2, N1), got " + sceneShape);
        }
        this.config = config;
        this.n1 = (int) sceneShape.get(d - 1);
        this.n2 = (int) sceneShape.get(d - 2);
        this.n3 = d == 3 ? (int) sceneShape.get(0) : 0;
    }

    /** A generator for the scene grid of {@code g}. */
    public static SceneGenerator of(SceneConfig config, Geometry g) {
        return new SceneGenerator(config, g.sceneShape());
    }

    /** The configuration. */
    public SceneConfig config() {
        return config;
    }

    /** The scene shape. */
    public Shape sceneShape() {
        return n3 > 0 ? new Shape(n3, n2, n1) : new Shape(n2, n1);
    }

    /** Sample {@code index} of a run seeded {@code seed}, on {@code manager}'s device. */
    public ComplexTensor sample(NDManager manager, DataType dtype, long seed, long index) {
        return ComplexTensor.fromInterleaved(
                manager, sampleInterleaved(seed, index), sceneShape(), dtype);
    }

    /** Sample {@code index} of a run seeded {@code seed}, interleaved (re, im) in C order. */
    public double[] sampleInterleaved(long seed, long index) {
        return draw(new Random(Seeds.derive(seed, index, Seeds.SCENE)));
    }

    /** Draws one scene from {@code rng}, interleaved (re, im) in C order. */
    public double[] draw(Random rng) {
        int slices = Math.max(1, n3);
        double[] c = new double[2 * slices * n2 * n1];
        SceneKind kind = config.kind();
        if (kind == SceneKind.ANY) {
            kind = SceneKind.values()[rng.nextInt(3)]; // POINTS, SHAPES or MIXED
        }
        if (kind != SceneKind.POINTS) {
            int count = between(rng, config.minShapes(), config.maxShapes());
            for (int s = 0; s < count; s++) {
                drawShape(rng, c, count);
            }
        }
        if (kind != SceneKind.SHAPES) {
            int count = between(rng, config.minPoints(), config.maxPoints());
            for (int s = 0; s < count; s++) {
                int i1 = inside(rng, n1);
                int i2 = inside(rng, n2);
                int i3 = n3 > 0 ? inside(rng, n3) : 0;
                double a = amplitude(rng);
                double ph = rng.nextDouble() * 2 * Math.PI;
                int k = 2 * ((i3 * n2 + i2) * n1 + i1);
                c[k] += a * Math.cos(ph);
                c[k + 1] += a * Math.sin(ph);
            }
        }
        return c;
    }

    private void drawShape(Random rng, double[] c, int count) {
        int z0 = 0;
        int z1 = 0;
        if (n3 > 0) {
            int depth = 1 + rng.nextInt(Math.max(1, n3 / 2));
            z0 = rng.nextInt(n3 - depth + 1);
            z1 = z0 + depth - 1;
        }
        double area = config.density() * n1 * n2 / count * (0.5 + rng.nextDouble());
        double cx = lo(n1) + rng.nextDouble() * (hi(n1) - lo(n1));
        double cy = lo(n2) + rng.nextDouble() * (hi(n2) - lo(n2));
        Regions.Region r = Regions.random(rng, Math.max(area, 1), cx, cy);
        double amp = amplitude(rng);
        double phase = rng.nextDouble() * 2 * Math.PI;
        boolean smooth = rng.nextDouble() < config.smoothFraction();
        double size = Math.sqrt(Math.max(area, 1));
        double fx = (rng.nextDouble() * 2 - 1) / size;
        double fy = (rng.nextDouble() * 2 - 1) / size;
        double ripple = rng.nextDouble() * 2 * Math.PI;
        double cos = Math.cos(phase);
        double sin = Math.sin(phase);
        double[] b = r.bounds();
        int x0 = Math.max(0, (int) Math.floor(b[0]));
        int x1 = Math.min(n1 - 1, (int) Math.ceil(b[1]));
        int y0 = Math.max(0, (int) Math.floor(b[2]));
        int y1 = Math.min(n2 - 1, (int) Math.ceil(b[3]));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                if (!r.contains(x, y)) {
                    continue;
                }
                double m = amp;
                if (smooth) {
                    m *=
                            0.6
                                    + 0.4
                                            * Math.cos(
                                                    2 * Math.PI * (fx * (x - cx) + fy * (y - cy))
                                                            + ripple);
                }
                for (int z = z0; z <= z1; z++) {
                    int k = 2 * ((z * n2 + y) * n1 + x);
                    c[k] = m * cos;
                    c[k + 1] = m * sin;
                }
            }
        }
    }

    private double amplitude(Random rng) {
        return Math.pow(10, -rng.nextDouble() * config.dynamicRangeDb() / 20);
    }

    private double lo(int n) {
        return config.margin() * (n - 1);
    }

    private double hi(int n) {
        return (1 - config.margin()) * (n - 1);
    }

    private int inside(Random rng, int n) {
        int a = (int) Math.ceil(lo(n));
        int b = (int) Math.floor(hi(n));
        return b <= a ? a : a + rng.nextInt(b - a + 1);
    }

    private static int between(Random rng, int min, int max) {
        return min + rng.nextInt(max - min + 1);
    }
}
