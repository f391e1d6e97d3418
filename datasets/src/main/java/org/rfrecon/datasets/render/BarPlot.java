package org.rfrecon.datasets.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Horizontal bars, one per named item (e.g. an ablation's variants), each labelled with its name on
 * the left and its value at its end, in the order added (top to bottom). The image widens to hold
 * the longest name in full and grows downwards with the number of bars. Text is drawn by {@link
 * BitmapFont}.
 *
 * <pre>
 *   BarPlot.builder().optTitle("training time per variant").optValueLabel("seconds")
 *       .addBar("stages=4", 3.1).addBar("stages=8", 5.9).build().write(Path.of("time.png"));
 * </pre>
 */
public final class BarPlot extends Plot {

    private static final int BAR = 16;
    private static final int ROW = 24;
    private static final int FILL = 0x1f77b4;

    private final Builder b;

    private BarPlot(Builder b) {
        this.b = b;
    }

    /** Renders the plot. */
    @Override
    public BufferedImage render() {
        double max = 0;
        for (double v : b.values) {
            if (Double.isFinite(v)) {
                max = Math.max(max, v);
            }
        }
        double hi = max > 0 ? max * 1.15 : 1;
        int top = top(b.title, 14);
        int left = 12 + widest(b.names) + 10;
        int right = 24;
        int pw = Math.max(240, b.width - left - right);
        int w = left + pw + right;
        int ph = ROW * b.names.size() + 8;
        int h = top + ph + bottom(b.valueLabel);
        BufferedImage img = whiteCanvas(w, h);
        Graphics2D g = img.createGraphics();
        List<Ticks.Tick> ticks = Ticks.linear(0, hi, 5, false);
        g.setColor(Color.LIGHT_GRAY);
        for (Ticks.Tick t : ticks) {
            int px = left + (int) Math.round(t.at() / hi * pw);
            g.drawLine(px, top + 1, px, top + ph - 1);
        }
        BitmapFont f = BitmapFont.PLAIN;
        for (int i = 0; i < b.names.size(); i++) {
            int y = top + 4 + ROW * i + (ROW - BAR) / 2;
            double v = b.values.get(i);
            String label = Double.isFinite(v) ? Ticks.number(v) : "n/a";
            int len = Double.isFinite(v) && v > 0 ? (int) Math.round(v / hi * pw) : 0;
            g.setColor(new Color(FILL));
            g.fillRect(left, y, len, BAR);
            int baseline = y + BAR / 2 + f.ascent() / 2 - 1;
            f.drawRight(img, b.names.get(i), left - 8, baseline, 0);
            f.draw(img, label, left + len + 5, baseline, 0);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, pw, ph);
        for (Ticks.Tick t : ticks) {
            drawXTick(img, g, t, left + (int) Math.round(t.at() / hi * pw), top + ph);
        }
        drawTitle(img, b.title, w / 2);
        drawXLabel(img, b.valueLabel, left + pw / 2);
        g.dispose();
        return img;
    }

    /** A builder; add at least one bar. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link BarPlot}. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<Double> values = new ArrayList<>();
        private String title;
        private String valueLabel;
        private int width = 640;

        private Builder() {}

        /** Adds a bar (non-finite values are shown as "n/a" without a bar). */
        public Builder addBar(String name, double value) {
            names.add(name);
            values.add(value);
            return this;
        }

        /** Sets the title. */
        public Builder optTitle(String title) {
            this.title = title;
            return this;
        }

        /** Sets the label of the value axis. */
        public Builder optValueLabel(String label) {
            this.valueLabel = label;
            return this;
        }

        /** Sets the least image width in pixels (default 640; long names widen it). */
        public Builder optWidth(int width) {
            this.width = width;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException without bars, or with a negative value
         */
        public BarPlot build() {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("a bar plot needs at least one bar");
            }
            for (double v : values) {
                if (v < 0) {
                    throw new IllegalArgumentException("bar values must not be negative: " + v);
                }
            }
            return new BarPlot(this);
        }
    }
}
