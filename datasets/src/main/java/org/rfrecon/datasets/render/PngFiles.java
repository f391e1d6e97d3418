package org.rfrecon.datasets.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.rfrecon.core.naming.Messages;
import org.rfrecon.datasets.io.AtomicFiles;

/**
 * Writes images as PNG atomically, with AWT in headless mode. Drawing is guarded: a figure that
 * cannot be drawn (a missing native library, an AWT error) is reported in one line on stderr and
 * skipped, so it never makes a finished job fail; failing to write the file is the caller's error.
 */
final class PngFiles {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private PngFiles() {}

    /** A new RGB canvas (AWT headless is set first). */
    static BufferedImage canvas(int width, int height) {
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    static void write(BufferedImage image, Path path) throws IOException {
        AtomicFiles.write(
                path,
                out -> {
                    if (!ImageIO.write(image, "png", out)) {
                        throw new IOException(path + ": no PNG writer in this JVM");
                    }
                });
    }

    /**
     * Renders with {@code render} and writes the PNG atomically; a failure to render or encode (any
     * runtime exception or linkage or AWT error) prints one line on stderr and writes nothing.
     *
     * @return whether the PNG was written
     * @throws IOException if the file cannot be written
     */
    static boolean writeOrReport(Supplier<BufferedImage> render, Path png) throws IOException {
        try {
            write(render.get(), png);
            return true;
        } catch (RuntimeException | LinkageError | java.awt.AWTError e) {
            System.err.println(
                    "rfrecon: figure "
                            + png
                            + " not drawn ("
                            + oneLine(e)
                            + "); the other outputs are kept");
            return false;
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? "" : ": " + Messages.firstLine(e.getMessage(), "");
        return e.getClass().getSimpleName() + m;
    }
}
