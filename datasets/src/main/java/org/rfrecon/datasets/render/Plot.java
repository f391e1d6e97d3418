package org.rfrecon.datasets.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the images of this package share: each renders to a {@link BufferedImage} on a white canvas
 * and writes it as a PNG; a chart's optional title stands centred on top in {@link
 * BitmapFont#BOLD}, and its horizontal axis carries ticks labelled in {@link BitmapFont#PLAIN} with
 * an optional axis label under them.
 */
public abstract class Plot {

    Plot() {}

    /** Renders the image. */
    public abstract BufferedImage render();

    /**
     * Renders and writes the PNG atomically; a failure to draw (not to write) is reported in one
     * line on stderr and leaves no file (see {@link PngFiles#writeOrReport}), so an image never
     * makes a finished job fail.
     *
     * @return whether the PNG was written
     * @throws IOException if the file cannot be written
     */
    public boolean write(Path png) throws IOException {
        return PngFiles.writeOrReport(this::render, png);
    }

    /** The height above a chart's area: {@code untitled}, or room for {@code title} if given. */
    static int top(String title, int untitled) {
        return title == null ? untitled : 16 + BitmapFont.BOLD.lineHeight();
    }

    /**
     * The height below a chart's area: room for the tick labels of its horizontal axis and for
     * {@code axisLabel} if given.
     */
    static int bottom(String axisLabel) {
        int line = BitmapFont.PLAIN.lineHeight();
        return 10 + line + (axisLabel == null ? 0 : line + 6) + 6;
    }

    /**
     * The width in pixels of the widest of {@code texts} in {@link BitmapFont#PLAIN}; 0 if none.
     */
    static int widest(List<String> texts) {
        int widest = 0;
        for (String t : texts) {
            widest = Math.max(widest, BitmapFont.PLAIN.width(t));
        }
        return widest;
    }

    /** A new RGB canvas of {@code width} x {@code height} pixels, all white. */
    static BufferedImage whiteCanvas(int width, int height) {
        BufferedImage img = PngFiles.canvas(width, height);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return img;
    }

    /**
     * Draws a tick of the horizontal axis at {@code x} under {@code axisY} (in {@code g}'s current
     * colour) and centres its label under it.
     */
    static void drawXTick(BufferedImage img, Graphics2D g, Ticks.Tick t, int x, int axisY) {
        BitmapFont f = BitmapFont.PLAIN;
        g.drawLine(x, axisY, x, axisY + 4);
        f.drawCentred(img, t.label(), x, axisY + 6 + f.ascent(), 0);
    }

    /**
     * Draws {@code axisLabel} (if not null) centred on {@code centreX} at the bottom of {@code
     * img}.
     */
    static void drawXLabel(BufferedImage img, String axisLabel, int centreX) {
        if (axisLabel != null) {
            BitmapFont f = BitmapFont.PLAIN;
            f.drawCentred(img, axisLabel, centreX, img.getHeight() - 8 - f.descent(), 0);
        }
    }

    /** Draws {@code title} (if not null) centred on {@code centreX} at the top of {@code img}. */
    static void drawTitle(BufferedImage img, String title, int centreX) {
        if (title != null) {
            BitmapFont.BOLD.drawCentred(img, title, centreX, 8 + BitmapFont.BOLD.ascent(), 0);
        }
    }
}
