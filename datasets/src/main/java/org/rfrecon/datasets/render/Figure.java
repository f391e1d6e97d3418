package org.rfrecon.datasets.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Magnitude images in dB side by side (truth | reconstruction | ...), each with a title, sharing
 * one colour bar. A pixel of magnitude {@code v} is shown at {@code 20 log10(v / peak)} dB, clipped
 * to {@code [-D, 0]} with {@code D} the dynamic range (40 dB by default); {@code peak} is each
 * panel's own maximum, or the first panel's for all when {@link Builder#optSharedScale} is set (to
 * judge a reconstruction's level against the truth).
 *
 * <pre>
 *   Figure.builder().optTitle("tiny, exact physics")
 *       .addPanels(Panels.of("truth", scene)).addPanels(Panels.of("ADMM", xhat))
 *       .build().write(Path.of("rec.png"));
 * </pre>
 */
public final class Figure extends Plot {

    private static final int GAP = 12;
    private static final int TITLE = 22;
    private static final int BAR = 70;

    private final String title;
    private final List<Panel> panels;
    private final double dynamicRangeDb;
    private final ColorMap colorMap;
    private final int panelSize;
    private final int columns;
    private final boolean shared;

    private Figure(Builder b) {
        this.title = b.title;
        this.panels = List.copyOf(b.panels);
        this.dynamicRangeDb = b.dynamicRangeDb;
        this.colorMap = b.colorMap;
        this.panelSize = b.panelSize;
        this.columns = b.columns > 0 ? b.columns : b.panels.size();
        this.shared = b.shared;
    }

    /** A builder; add at least one panel. */
    public static Builder builder() {
        return new Builder();
    }

    /** Renders the figure. */
    @Override
    public BufferedImage render() {
        int cw = 0;
        int ch = 0;
        int[] scale = new int[panels.size()];
        for (int i = 0; i < panels.size(); i++) {
            Panel p = panels.get(i);
            scale[i] = Math.max(1, panelSize / Math.max(p.width(), p.height()));
            cw = Math.max(cw, p.width() * scale[i]);
            ch = Math.max(ch, p.height() * scale[i]);
        }
        int rows = (panels.size() + columns - 1) / columns;
        int top = title == null ? GAP : GAP + TITLE;
        int width = GAP + columns * (cw + GAP) + BAR;
        int height = top + rows * (TITLE + ch + GAP) + GAP;
        BufferedImage img = whiteCanvas(width, height);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.BLACK);
        BitmapFont f = BitmapFont.PLAIN;
        if (title != null) {
            BitmapFont.BOLD.drawCentred(
                    img, BitmapFont.BOLD.fit(title, width - 8), width / 2, GAP + 14, 0);
        }
        double sharedPeak = panels.get(0).peak();
        for (int i = 0; i < panels.size(); i++) {
            Panel p = panels.get(i);
            int x0 = GAP + (i % columns) * (cw + GAP);
            int y0 = top + (i / columns) * (TITLE + ch + GAP);
            f.drawCentred(img, f.fit(p.title(), cw + GAP - 2), x0 + cw / 2, y0 + 15, 0);
            double peak = shared ? sharedPeak : p.peak();
            int s = scale[i];
            int ox = x0 + (cw - p.width() * s) / 2;
            int oy = y0 + TITLE + (ch - p.height() * s) / 2;
            for (int r = 0; r < p.height(); r++) {
                for (int c = 0; c < p.width(); c++) {
                    int rgb = colorMap.rgb(level(p.magnitude()[r * p.width() + c], peak));
                    int py = oy + (p.height() - 1 - r) * s; // row 0 at the bottom
                    for (int dy = 0; dy < s; dy++) {
                        for (int dx = 0; dx < s; dx++) {
                            img.setRGB(ox + c * s + dx, py + dy, rgb);
                        }
                    }
                }
            }
        }
        colourBar(g, img, width - BAR + 8, top + TITLE, Math.max(ch, 60));
        g.dispose();
        return img;
    }

    /** {@code (20 log10(v / peak) + D) / D}, clipped to [0, 1]. */
    double level(double v, double peak) {
        if (!(peak > 0) || !(v > 0)) {
            return 0;
        }
        double db = 20 * Math.log10(v / peak);
        return Math.max(0, Math.min(1, (db + dynamicRangeDb) / dynamicRangeDb));
    }

    private void colourBar(Graphics2D g, BufferedImage img, int x, int y, int h) {
        int w = 14;
        for (int r = 0; r < h; r++) {
            int rgb = colorMap.rgb(1 - r / (double) (h - 1));
            for (int c = 0; c < w; c++) {
                img.setRGB(x + c, y + r, rgb);
            }
        }
        g.setColor(Color.BLACK);
        g.drawRect(x, y, w, h - 1);
        double step = dynamicRangeDb > 40 ? 20 : dynamicRangeDb > 20 ? 10 : 5;
        for (double db = 0; db >= -dynamicRangeDb - 1e-9; db -= step) {
            int ty = y + (int) Math.round(-db / dynamicRangeDb * (h - 1));
            g.drawLine(x + w, ty, x + w + 3, ty);
            BitmapFont.PLAIN.draw(img, String.format("%.0f", db), x + w + 5, ty + 4, 0);
        }
        BitmapFont.PLAIN.draw(img, "dB", x, y + h + 14, 0);
    }

    /** Builds a {@link Figure}. */
    public static final class Builder {
        private String title;
        private final List<Panel> panels = new ArrayList<>();
        private double dynamicRangeDb = 40;
        private ColorMap colorMap = ColorMap.VIRIDIS;
        private int panelSize = 256;
        private int columns;
        private boolean shared;

        private Builder() {}

        /** Adds one panel (left to right, then row by row). */
        public Builder addPanel(Panel panel) {
            panels.add(panel);
            return this;
        }

        /** Adds panels in order (e.g. the three projections of a volume). */
        public Builder addPanels(List<Panel> more) {
            panels.addAll(more);
            return this;
        }

        /** Sets a title above all panels. */
        public Builder optTitle(String title) {
            this.title = title;
            return this;
        }

        /** Sets the dynamic range in dB (default 40). */
        public Builder optDynamicRangeDb(double db) {
            this.dynamicRangeDb = db;
            return this;
        }

        /** Sets the colour map (default viridis). */
        public Builder optColorMap(ColorMap map) {
            this.colorMap = map;
            return this;
        }

        /** Sets the target size of a panel's longer side in pixels (default 256). */
        public Builder optPanelSize(int pixels) {
            this.panelSize = pixels;
            return this;
        }

        /** Sets the panels per row (default: all in one row). */
        public Builder optColumns(int columns) {
            this.columns = columns;
            return this;
        }

        /** Scales every panel against the first panel's peak instead of its own. */
        public Builder optSharedScale(boolean shared) {
            this.shared = shared;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException if there is no panel or a setting is out of range
         */
        public Figure build() {
            if (panels.isEmpty()) {
                throw new IllegalArgumentException("a figure needs at least one panel");
            }
            if (!(dynamicRangeDb > 0) || panelSize < 1 || columns < 0 || colorMap == null) {
                throw new IllegalArgumentException(
                        "dynamic range must be positive, panel size and columns at least 1");
            }
            return new Figure(this);
        }
    }
}
