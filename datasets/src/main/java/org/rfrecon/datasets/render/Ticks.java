package org.rfrecon.datasets.render;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Axis ticks: round positions (1, 2, 5 times a power of ten) with labels that read as numbers,
 * integer-only ticks for integer axes (epochs, stages), and decades or 1-2-5 mantissas on
 * logarithmic axes, labelled with the value itself ({@code 0.02}, {@code 1e-5}), never its
 * logarithm.
 */
final class Ticks {

    /**
     * One tick.
     *
     * @param at its position on the axis (the log10 of the value on a log axis)
     * @param label its text
     */
    record Tick(double at, String label) {}

    private Ticks() {}

    /** About {@code count} round values within [lo, hi] (only integers when {@code integer}). */
    static List<Tick> linear(double lo, double hi, int count, boolean integer) {
        double step = step(lo, hi, count);
        if (integer) {
            step = Math.max(1, Math.rint(step));
        }
        int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
        List<Tick> out = new ArrayList<>();
        for (double t = Math.ceil(lo / step - 1e-9) * step; t <= hi + 1e-9 * step; t += step) {
            double v = Math.abs(t) < 1e-9 * step ? 0 : t;
            String label =
                    Math.abs(v) >= 1e6
                            ? number(v)
                            : String.format(Locale.ROOT, "%." + decimals + "f", v);
            out.add(new Tick(v, label));
        }
        return out;
    }

    /**
     * Ticks of a log10 axis whose range is {@code [lo, hi]} in log10 units: decades (every second
     * or fifth one on long ranges) when the range spans more than a decade, else values 1, 2, 5 (or
     * 1 to 9) times a power of ten.
     */
    static List<Tick> log10(double lo, double hi, int count) {
        List<Tick> out = new ArrayList<>();
        int kLo = (int) Math.floor(lo);
        int kHi = (int) Math.ceil(hi);
        if (hi - lo >= 1.5) {
            int every = (int) Math.max(1, Math.ceil((hi - lo) / count));
            for (int k = (int) Math.ceil(lo); k <= Math.floor(hi); k++) {
                if (Math.floorMod(k, every) == 0) {
                    out.add(new Tick(k, number(Math.pow(10, k))));
                }
            }
            return out;
        }
        for (int[] mantissas : new int[][] {{1, 2, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}}) {
            out.clear();
            for (int k = kLo; k <= kHi; k++) {
                for (int m : mantissas) {
                    double v = m * Math.pow(10, k);
                    double at = Math.log10(v);
                    if (at >= lo - 1e-9 && at <= hi + 1e-9) {
                        out.add(new Tick(at, number(v)));
                    }
                }
            }
            if (out.size() >= 3) {
                break;
            }
        }
        if (out.size() < 2) {
            // a range within one mantissa step: round values on the linear scale
            out.clear();
            for (Tick t : linear(Math.pow(10, lo), Math.pow(10, hi), count, false)) {
                if (t.at() > 0) {
                    out.add(new Tick(Math.log10(t.at()), number(t.at())));
                }
            }
        }
        while (out.size() > count + 2) {
            List<Tick> thin = new ArrayList<>();
            for (int i = 0; i < out.size(); i += 2) {
                thin.add(out.get(i));
            }
            out = thin;
        }
        return out;
    }

    /**
     * A compact label of {@code v}: at most 3 significant digits, plain from 0.001 to below 1e6
     * ({@code 0.02}, {@code 150}), else as mantissa and exponent ({@code 1e-5}, {@code 2.5e7}).
     */
    static String number(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : String.valueOf(v);
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent >= -3 && exponent < 6) {
            return d.toPlainString();
        }
        BigDecimal mantissa = d.movePointLeft(exponent).stripTrailingZeros();
        return mantissa.toPlainString() + "e" + exponent;
    }

    private static double step(double lo, double hi, int count) {
        double raw = (hi - lo) / Math.max(1, count);
        if (!(raw > 0)) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * mag >= raw * (1 - 1e-9)) {
                return m * mag;
            }
        }
        return 10 * mag;
    }
}
