package org.rfrecon.datasets.render;

import java.util.ArrayList;
import java.util.List;

/** Round tick positions (1, 2, 5 times a power of ten) and their labels. */
final class Ticks {

    private Ticks() {}

    /** About {@code count} round values within [lo, hi]. */
    static List<Double> nice(double lo, double hi, int count) {
        double raw = (hi - lo) / Math.max(1, count);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double m : new double[] {1, 2, 5, 10}) {
            step = m * mag;
            if (step >= raw) {
                break;
            }
        }
        List<Double> out = new ArrayList<>();
        for (double t = Math.ceil(lo / step) * step; t <= hi + 1e-9 * step; t += step) {
            out.add(Math.abs(t) < 1e-12 * step ? 0 : t);
        }
        return out;
    }

    /** A short label: integers plainly, others with up to 3 significant digits. */
    static String label(double t) {
        if (t == Math.rint(t) && Math.abs(t) < 1e7) {
            return String.valueOf((long) t);
        }
        return String.format("%.3g", t);
    }
}
