package org.rfrecon.datasets.render;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bakes the bitmap fonts of {@link BitmapFont} from a TrueType font on a machine that has one (not
 * a test; run by hand): {@code java -cp datasets/target/test-classes:datasets/target/classes
 * org.rfrecon.datasets.render.FontBaker /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
 * /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
 * datasets/src/main/resources/org/rfrecon/datasets/render}. Each glyph's antialiased coverage is
 * quantised to 16 levels and written as one hex digit per pixel. Drawing then needs no font library
 * at all.
 */
public final class FontBaker {

    /** Printable ASCII, Latin-1 and the few other symbols rfrecon's figures use. */
    static final String CHARS = chars();

    private FontBaker() {}

    private static String chars() {
        StringBuilder b = new StringBuilder();
        for (char c = 32; c < 127; c++) {
            b.append(c);
        }
        for (char c = 161; c <= 255; c++) {
            b.append(c);
        }
        return b.append(
                        "\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2212\u2264\u2265\u221e"
                                + "\u0394\u03bb\u03c1\u03c3\u03bc\u03b1\u03b2\u03c4")
                .toString();
    }

    /**
     * Bakes {@code args[0]} (plain) at 12 px and {@code args[1]} (bold) at 14 px into {@code
     * args[2]}.
     */
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[2]);
        bake(Path.of(args[0]), 12f, out.resolve("font-plain.txt"));
        bake(Path.of(args[1]), 14f, out.resolve("font-bold.txt"));
    }

    static void bake(Path ttf, float size, Path out) throws Exception {
        Font font = Font.createFont(Font.TRUETYPE_FONT, ttf.toFile()).deriveFont(size);
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D pg = probe.createGraphics();
        pg.setFont(font);
        FontMetrics fm = pg.getFontMetrics();
        StringBuilder b = new StringBuilder();
        b.append("# rfrecon bitmap font baked by FontBaker from ")
                .append(font.getFontName())
                .append(" at ")
                .append((int) size)
                .append(
                        " px (DejaVu fonts: Bitstream Vera license, DejaVu changes public domain)\n");
        b.append(
                "# ascent descent; then per glyph: codepoint advance xoff yoff width height coverage\n");
        b.append(fm.getAscent()).append(' ').append(fm.getDescent()).append('\n');
        int pad = 4;
        for (char c : CHARS.toCharArray()) {
            if (!font.canDisplay(c)) {
                continue;
            }
            int adv = fm.charWidth(c);
            int w = adv + 2 * pad + (int) size;
            int h = fm.getAscent() + fm.getDescent() + 2 * pad;
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(
                    RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(
                    RenderingHints.KEY_FRACTIONALMETRICS,
                    RenderingHints.VALUE_FRACTIONALMETRICS_OFF);
            g.setFont(font);
            g.setColor(java.awt.Color.WHITE);
            int baseline = pad + fm.getAscent();
            g.drawString(String.valueOf(c), pad, baseline);
            g.dispose();
            int x0 = w;
            int y0 = h;
            int x1 = -1;
            int y1 = -1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if ((img.getRaster().getSample(x, y, 0) >> 4) > 0) {
                        x0 = Math.min(x0, x);
                        y0 = Math.min(y0, y);
                        x1 = Math.max(x1, x);
                        y1 = Math.max(y1, y);
                    }
                }
            }
            b.append((int) c).append(' ').append(adv);
            if (x1 < 0) {
                b.append(" 0 0 0 0 -\n");
                continue;
            }
            b.append(' ').append(x0 - pad).append(' ').append(y0 - baseline);
            b.append(' ').append(x1 - x0 + 1).append(' ').append(y1 - y0 + 1).append(' ');
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    b.append(Character.forDigit(img.getRaster().getSample(x, y, 0) >> 4, 16));
                }
            }
            b.append('\n');
        }
        Files.writeString(out, b.toString(), StandardCharsets.UTF_8);
        System.out.println("wrote " + out);
    }
}
