package org.rfrecon.datasets.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What the images of this package share: each renders to a {@link BufferedImage} and writes it as a
 * PNG, and a chart's optional title stands centred on top in {@link BitmapFont#BOLD}.
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

    /** Draws {@code title} (if not null) centred on {@code centreX} at the top of {@code img}. */
    static void drawTitle(BufferedImage img, String title, int centreX) {
        if (title != null) {
            BitmapFont.BOLD.drawCentred(img, title, centreX, 8 + BitmapFont.BOLD.ascent(), 0);
        }
    }
}
