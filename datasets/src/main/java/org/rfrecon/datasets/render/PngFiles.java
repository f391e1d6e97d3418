package org.rfrecon.datasets.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.rfrecon.datasets.io.AtomicFiles;

/** Writes images as PNG atomically, with AWT in headless mode. */
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
}
