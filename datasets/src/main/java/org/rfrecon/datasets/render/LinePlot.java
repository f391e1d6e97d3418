package org.rfrecon.datasets.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A line plot of several series with axes, ticks and a legend, for training curves and ablation
 * plots. The y axis may be logarithmic (non-positive values are then skipped).
 *
 * <pre>
 *   LinePlot.builder().optTitle("training").optXLabel("epoch").optYLabel("loss").optLogY(true)
 *       .addSeries("train", epochs, train).addSeries("validation", epochs, val)
 *       .build().write(Path.of("curves.png"));
 * </pre>
 */
public final class LinePlot {

    private static final int[] PALETTE = {
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f
    };

    private final Builder b;

    private LinePlot(Builder b) {
        this.b = b;
    }

    /** A builder; add at least one series. */
    public static Builder builder() {
        return new Builder();
    }

    /** Renders the plot. */
    public BufferedImage render() {
        int w = b.width;
        int h = b.height;
        int left = 70;
        int right = 20;
        int top = 36;
        int bottom = 50;
        double[] xr = range(false, true);
        double[] yr = range(b.logY, false);
        BufferedImage img = PngFiles.canvas(w, h);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        if (b.title != null) {
            g.drawString(b.title, left, 22);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int pw = w - left - right;
        int ph = h - top - bottom;
        g.drawRect(left, top, pw, ph);
        for (double t : Ticks.nice(xr[0], xr[1], 6)) {
            int px = left + (int) Math.round((t - xr[0]) / (xr[1] - xr[0]) * pw);
            g.drawLine(px, top + ph, px, top + ph + 4);
            g.drawString(Ticks.label(t), px - 10, top + ph + 18);
        }
        for (double t : Ticks.nice(yr[0], yr[1], 6)) {
            int py = top + ph - (int) Math.round((t - yr[0]) / (yr[1] - yr[0]) * ph);
            g.drawLine(left - 4, py, left, py);
            g.drawString(b.logY ? "1e" + Ticks.label(t) : Ticks.label(t), 6, py + 4);
        }
        if (b.xLabel != null) {
            g.drawString(b.xLabel, left + pw / 2 - 20, h - 12);
        }
        if (b.yLabel != null) {
            g.drawString(b.yLabel, 6, top - 8);
        }
        g.setClip(left, top, pw + 1, ph + 1);
        g.setStroke(new BasicStroke(2f));
        for (int s = 0; s < b.series.size(); s++) {
            Series se = b.series.get(s);
            g.setColor(new Color(PALETTE[s % PALETTE.length]));
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
                } else {
                    g.fillOval(qx - 2, qy - 2, 5, 5);
                }
                px = qx;
                py = qy;
            }
        }
        g.setClip(null);
        for (int s = 0; s < b.series.size(); s++) {
            int ly = top + 16 + 16 * s;
            g.setColor(new Color(PALETTE[s % PALETTE.length]));
            g.fillRect(left + pw - 150, ly - 6, 18, 4);
            g.setColor(Color.BLACK);
            g.drawString(b.series.get(s).name(), left + pw - 126, ly);
        }
        g.dispose();
        return img;
    }

    /** Renders and writes the PNG atomically. */
    public void write(Path png) throws IOException {
        PngFiles.write(render(), png);
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
            return new double[] {lo - 0.5, hi + 0.5};
        }
        double pad = x ? 0 : 0.05 * (hi - lo);
        return new double[] {lo - pad, hi + pad};
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

        /** Sets the image size in pixels (default 640 x 400). */
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
