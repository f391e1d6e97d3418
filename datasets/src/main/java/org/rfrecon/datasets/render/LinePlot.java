package org.rfrecon.datasets.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * A line plot of several series with axes, ticks and a legend, for training curves and ablation
 * plots. The y axis may be logarithmic (non-positive values are then skipped; ticks are labelled
 * with values, {@code 0.02} or {@code 1e-5}). Text is drawn by {@link BitmapFont}, so no system
 * font library is needed.
 *
 * <pre>
 *   LinePlot.builder().optTitle("training").optXLabel("epoch").optYLabel("loss").optLogY(true)
 *       .addSeries("train", epochs, train).addSeries("validation", epochs, val)
 *       .build().write(Path.of("curves.png"));
 * </pre>
 */
public final class LinePlot extends Plot {

    private static final int[] PALETTE = {
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f
    };

    private final Builder b;

    private LinePlot(Builder b) {
        this.b = b;
    }

    /**
     * Renders the plot: the title centred on top, the y label reading upwards on the left, the x
     * label under the tick labels, and the legend to the right of the plot area (the image is
     * widened to hold the longest series name in full). An x axis whose values are all integers
     * (epochs, stages) gets integer ticks only.
     */
    @Override
    public BufferedImage render() {
        BitmapFont f = BitmapFont.PLAIN;
        double[] xr = range(false, true);
        double[] yr = range(b.logY, false);
        List<Ticks.Tick> yTicks =
                b.logY ? Ticks.log10(yr[0], yr[1], 6) : Ticks.linear(yr[0], yr[1], 6, false);
        List<Ticks.Tick> xTicks = Ticks.linear(xr[0], xr[1], 6, integerX());
        int tickWidth = widest(yTicks.stream().map(Ticks.Tick::label).toList());
        int legendWidth = widest(b.series.stream().map(Series::name).toList()) + 44;
        int top = top(b.title, 16);
        int left = 10 + (b.yLabel == null ? 0 : f.lineHeight() + 8) + tickWidth + 8;
        int right = 16;
        int pw = b.width - left - right;
        int ph = b.height - top - bottom(b.xLabel);
        int w = b.width + legendWidth;
        int h = b.height;
        BufferedImage img = whiteCanvas(w, h);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.LIGHT_GRAY);
        for (Ticks.Tick t : yTicks) {
            int py = top + ph - (int) Math.round((t.at() - yr[0]) / (yr[1] - yr[0]) * ph);
            g.drawLine(left + 1, py, left + pw - 1, py);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, pw, ph);
        for (Ticks.Tick t : xTicks) {
            int px = left + (int) Math.round((t.at() - xr[0]) / (xr[1] - xr[0]) * pw);
            drawXTick(img, g, t, px, top + ph);
        }
        for (Ticks.Tick t : yTicks) {
            int py = top + ph - (int) Math.round((t.at() - yr[0]) / (yr[1] - yr[0]) * ph);
            g.drawLine(left - 4, py, left, py);
            f.drawRight(img, t.label(), left - 7, py + f.ascent() / 2 - 1, 0);
        }
        drawTitle(img, b.title, left + pw / 2);
        drawXLabel(img, b.xLabel, left + pw / 2);
        if (b.yLabel != null) {
            f.drawUpwards(img, b.yLabel, 10 + f.ascent(), top + ph / 2, 0);
        }
        g.setClip(left, top, pw + 1, ph + 1);
        g.setStroke(new BasicStroke(2f));
        for (int s = 0; s < b.series.size(); s++) {
            Series se = b.series.get(s);
            g.setColor(new Color(PALETTE[s % PALETTE.length]));
            boolean markers = se.x().length <= 30;
            int px = -1;
            int py = -1;
            for (int i = 0; i < se.x().length; i++) {
                double yv = b.logY ? Math.log10(se.y()[i]) : se.y()[i];
                if (!Double.isFinite(yv) || !Double.isFinite(se.x()[i])) {
                    px = -1;
                    continue;
                }
                int qx = left + (int) Math.round((se.x()[i] - xr[0]) / (xr[1] - xr[0]) * pw);
                int qy = top + ph - (int) Math.round((yv - yr[0]) / (yr[1] - yr[0]) * ph);
                if (px >= 0) {
                    g.drawLine(px, py, qx, qy);
                }
                if (markers || px < 0) {
                    g.fillOval(qx - 3, qy - 3, 7, 7);
                }
                px = qx;
                py = qy;
            }
        }
        g.setClip(null);
        int lx = left + pw + 14;
        for (int s = 0; s < b.series.size(); s++) {
            int ly = top + 6 + f.ascent() + (f.lineHeight() + 6) * s;
            g.setColor(new Color(PALETTE[s % PALETTE.length]));
            g.fillRect(lx, ly - f.ascent() / 2 - 1, 16, 3);
            f.draw(img, b.series.get(s).name(), lx + 22, ly, 0);
        }
        g.dispose();
        return img;
    }

    /** Whether every finite x value is an integer (epochs, stages): integer ticks only. */
    private boolean integerX() {
        for (Series s : b.series) {
            for (double v : s.x()) {
                if (Double.isFinite(v) && v != Math.rint(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The finite range of all x (or y) values, padded when empty or flat. */
    private double[] range(boolean log, boolean x) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Series s : b.series) {
            for (double v : x ? s.x() : s.y()) {
                double t = log ? Math.log10(v) : v;
                if (Double.isFinite(t)) {
                    lo = Math.min(lo, t);
                    hi = Math.max(hi, t);
                }
            }
        }
        if (!(lo <= hi)) {
            return new double[] {0, 1};
        }
        if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) {
            double half = log ? 0.1 : x ? 0.5 : Math.max(0.5, 0.05 * Math.abs(hi));
            return new double[] {lo - half, hi + half};
        }
        double pad = 0.05 * (hi - lo);
        return new double[] {lo - pad, hi + pad};
    }

    /** A builder; add at least one series. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link LinePlot}. */
    public static final class Builder {
        private final List<Series> series = new ArrayList<>();
        private String title;
        private String xLabel;
        private String yLabel;
        private boolean logY;
        private int width = 640;
        private int height = 400;

        private Builder() {}

        /** Adds a series. */
        public Builder addSeries(String name, double[] x, double[] y) {
            series.add(new Series(name, x, y));
            return this;
        }

        /** Adds a series against 1, 2, 3, ... */
        public Builder addSeries(String name, double[] y) {
            double[] x = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
            }
            return addSeries(name, x, y);
        }

        /** Sets the title. */
        public Builder optTitle(String title) {
            this.title = title;
            return this;
        }

        /** Sets the x axis label. */
        public Builder optXLabel(String label) {
            this.xLabel = label;
            return this;
        }

        /** Sets the y axis label. */
        public Builder optYLabel(String label) {
            this.yLabel = label;
            return this;
        }

        /** Uses a base-10 logarithmic y axis. */
        public Builder optLogY(boolean logY) {
            this.logY = logY;
            return this;
        }

        /**
         * Sets the size in pixels of the plot with its axes (default 640 x 400; the legend adds its
         * width).
         */
        public Builder optSize(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException without series or with a size below 200 x 150
         */
        public LinePlot build() {
            if (series.isEmpty()) {
                throw new IllegalArgumentException("a line plot needs at least one series");
            }
            if (width < 200 || height < 150) {
                throw new IllegalArgumentException("a line plot needs at least 200 x 150 pixels");
            }
            return new LinePlot(this);
        }
    }
}
