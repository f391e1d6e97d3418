package org.rfrecon.datasets.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Text is drawn from the embedded bitmap font, never through AWT's font manager (which needs
 * libfreetype and fontconfig, absent on headless GPU servers).
 */
class BitmapFontTest {

    @Test
    void theRenderPackageNeverAsksAwtForAFont() throws IOException {
        Path src = Path.of("src/main/java/org/rfrecon/datasets/render");
        List<String> forbidden =
                List.of(
                        "java.awt.Font",
                        "drawString",
                        "FontMetrics",
                        "setFont",
                        "getFont",
                        "TextLayout",
                        "GlyphVector",
                        "drawGlyphVector",
                        "GraphicsEnvironment");
        try (Stream<Path> files = Files.list(src)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                for (String word : forbidden) {
                    assertFalse(text.contains(word), f.getFileName() + " uses " + word);
                }
            }
        }
    }

    @Test
    void glyphsAreDrawnPixelByPixel() {
        BitmapFont f = BitmapFont.PLAIN;
        BufferedImage img = PngFiles.canvas(200, 40);
        for (int x = 0; x < 200; x++) {
            for (int y = 0; y < 40; y++) {
                img.setRGB(x, y, 0xffffff);
            }
        }
        String text = "NMSE (dB) 1e-5 \u00b1 0.02";
        f.draw(img, text, 4, 20, 0x000000);
        int dark = 0;
        int right = 0;
        for (int x = 0; x < 200; x++) {
            for (int y = 0; y < 40; y++) {
                if ((img.getRGB(x, y) & 0xff) < 128) {
                    dark++;
                    right = Math.max(right, x);
                    assertTrue(y >= 20 - f.ascent() - 1 && y <= 20 + f.descent() + 1, "y " + y);
                }
            }
        }
        assertTrue(dark > 100, "ink drawn: " + dark);
        assertTrue(Math.abs(4 + f.width(text) - right) <= 3, right + " vs " + f.width(text));
        assertEquals(f.width("?"), f.width("\u4e00"), "an unknown character is drawn as ?");
        assertTrue(f.width("regularizer=soft-thresh") > f.width("regularizer"));
        assertEquals("abc", f.fit("abc", 1000));
        assertTrue(f.width(f.fit("a long title of a figure", 60)) <= 60);
    }
}
