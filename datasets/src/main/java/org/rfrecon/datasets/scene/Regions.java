package org.rfrecon.datasets.scene;

import java.util.Arrays;
import java.util.Random;

/**
 * Random planar regions in pixel coordinates (x along N1, y along N2): axis-aligned rectangles,
 * ellipses and convex polygons of a requested area.
 */
final class Regions {

    private Regions() {}

    /** A planar region with a bounding box. */
    interface Region {
        /** Whether the point (x, y) lies inside. */
        boolean contains(double x, double y);

        /** The bounding box {@code (xmin, xmax, ymin, ymax)}. */
        double[] bounds();
    }

    /** A rectangle, ellipse or convex polygon (equally likely) of about {@code area} pixels. */
    static Region random(Random rng, double area, double cx, double cy) {
        double aspect = Math.exp((rng.nextDouble() - 0.5) * Math.log(4)); // 1/2 .. 2
        switch (rng.nextInt(3)) {
            case 0:
                return rectangle(Math.sqrt(area * aspect), Math.sqrt(area / aspect), cx, cy);
            case 1:
                return ellipse(
                        Math.sqrt(area * aspect / Math.PI),
                        Math.sqrt(area / aspect / Math.PI),
                        cx,
                        cy);
            default:
                return polygon(rng, area, cx, cy);
        }
    }

    static Region rectangle(double w, double h, double cx, double cy) {
        double[] b = {cx - w / 2, cx + w / 2, cy - h / 2, cy + h / 2};
        return new Region() {
            @Override
            public boolean contains(double x, double y) {
                return x >= b[0] && x <= b[1] && y >= b[2] && y <= b[3];
            }

            @Override
            public double[] bounds() {
                return b.clone();
            }
        };
    }

    static Region ellipse(double a, double b, double cx, double cy) {
        return new Region() {
            @Override
            public boolean contains(double x, double y) {
                double dx = (x - cx) / a;
                double dy = (y - cy) / b;
                return dx * dx + dy * dy <= 1;
            }

            @Override
            public double[] bounds() {
                return new double[] {cx - a, cx + a, cy - b, cy + b};
            }
        };
    }

    /** A convex polygon of 3 to 7 vertices on a circle, scaled to the requested area. */
    static Region polygon(Random rng, double area, double cx, double cy) {
        int k = 3 + rng.nextInt(5);
        double[] ang = new double[k];
        for (int i = 0; i < k; i++) {
            ang[i] = rng.nextDouble() * 2 * Math.PI;
        }
        Arrays.sort(ang);
        double unit = 0; // area of the polygon on the unit circle (shoelace)
        for (int i = 0; i < k; i++) {
            unit += 0.5 * Math.sin(ang[(i + 1) % k] - ang[i] + (i + 1 == k ? 2 * Math.PI : 0));
        }
        double r = Math.sqrt(area / Math.max(unit, 0.2));
        double[] px = new double[k];
        double[] py = new double[k];
        for (int i = 0; i < k; i++) {
            px[i] = cx + r * Math.cos(ang[i]);
            py[i] = cy + r * Math.sin(ang[i]);
        }
        return new Region() {
            @Override
            public boolean contains(double x, double y) {
                boolean in = false; // even-odd ray crossing
                for (int i = 0, j = k - 1; i < k; j = i++) {
                    if ((py[i] > y) != (py[j] > y)
                            && x < (px[j] - px[i]) * (y - py[i]) / (py[j] - py[i]) + px[i]) {
                        in = !in;
                    }
                }
                return in;
            }

            @Override
            public double[] bounds() {
                return new double[] {
                    Arrays.stream(px).min().orElseThrow(),
                    Arrays.stream(px).max().orElseThrow(),
                    Arrays.stream(py).min().orElseThrow(),
                    Arrays.stream(py).max().orElseThrow()
                };
            }
        };
    }
}
