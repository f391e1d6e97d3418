package org.rfrecon.datasets.render;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Text drawn pixel by pixel from glyph bitmaps embedded in the jar, so figures need no system font
 * library: AWT's font manager loads libfreetype and fontconfig, which a headless GPU server may
 * lack (an {@code UnsatisfiedLinkError} at the first string AWT draws). Every figure's text goes
 * through this class; the render package never asks AWT for a font.
 *
 * <p>The glyphs are DejaVu Sans (12 px) and DejaVu Sans Bold (14 px), antialiased and quantised to
 * 16 coverage levels by {@code FontBaker} (in the test sources); each is alpha-blended into the
 * image's pixels. Characters without a glyph are drawn as {@code ?}. No kerning.
 */
final class BitmapFont {

    /** Regular text: axis labels, ticks, legends, panel titles. */
    static final BitmapFont PLAIN = load("font-plain.txt");

    /** Titles. */
    static final BitmapFont BOLD = load("font-bold.txt");

    private record Glyph(int advance, int xoff, int yoff, int width, int height, byte[] alpha) {}

    private final int ascent;
    private final int descent;
    private final Map<Integer, Glyph> glyphs;
    private final Glyph fallback;

    private BitmapFont(int ascent, int descent, Map<Integer, Glyph> glyphs) {
        this.ascent = ascent;
        this.descent = descent;
        this.glyphs = glyphs;
        this.fallback = glyphs.get((int) '?');
    }

    /** Pixels above the baseline. */
    int ascent() {
        return ascent;
    }

    /** Pixels below the baseline. */
    int descent() {
        return descent;
    }

    /** Pixels of a line: ascent plus descent. */
    int lineHeight() {
        return ascent + descent;
    }

    /** The advance width of {@code s} in pixels. */
    int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += glyph(cp).advance();
            i += Character.charCount(cp);
        }
        return w;
    }

    /** {@code s} shortened with an ellipsis to at most {@code pixels} wide. */
    String fit(String s, int pixels) {
        if (width(s) <= pixels) {
            return s;
        }
        String dots = "\u2026";
        int end = s.length();
        while (end > 0 && width(s.substring(0, end) + dots) > pixels) {
            end--;
        }
        return s.substring(0, end) + dots;
    }

    /** Draws {@code s} left-aligned with its baseline at {@code y}, in colour {@code rgb}. */
    void draw(BufferedImage img, String s, int x, int y, int rgb) {
        int pen = x;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            Glyph g = glyph(cp);
            for (int r = 0; r < g.height(); r++) {
                for (int c = 0; c < g.width(); c++) {
                    blend(
                            img,
                            pen + g.xoff() + c,
                            y + g.yoff() + r,
                            rgb,
                            g.alpha()[r * g.width() + c]);
                }
            }
            pen += g.advance();
            i += Character.charCount(cp);
        }
    }

    /** Draws {@code s} centred on {@code cx}, baseline at {@code y}. */
    void drawCentred(BufferedImage img, String s, int cx, int y, int rgb) {
        draw(img, s, cx - width(s) / 2, y, rgb);
    }

    /** Draws {@code s} right-aligned to end at {@code x}, baseline at {@code y}. */
    void drawRight(BufferedImage img, String s, int x, int y, int rgb) {
        draw(img, s, x - width(s), y, rgb);
    }

    /**
     * Draws {@code s} rotated a quarter turn counter-clockwise (reading upwards, as a y-axis
     * label), centred on {@code cy}, with its baseline on column {@code x}.
     */
    void drawUpwards(BufferedImage img, String s, int x, int cy, int rgb) {
        int pen = cy + width(s) / 2;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            Glyph g = glyph(cp);
            for (int r = 0; r < g.height(); r++) {
                for (int c = 0; c < g.width(); c++) {
                    // glyph offset (dx right, dy down) turns into (dy right, -dx down)
                    int dx = g.xoff() + c;
                    int dy = g.yoff() + r;
                    blend(img, x + dy, pen - dx, rgb, g.alpha()[r * g.width() + c]);
                }
            }
            pen -= g.advance();
            i += Character.charCount(cp);
        }
    }

    private Glyph glyph(int cp) {
        Glyph g = glyphs.get(cp);
        return g != null ? g : fallback;
    }

    private static void blend(BufferedImage img, int x, int y, int rgb, byte level) {
        if (level == 0 || x < 0 || y < 0 || x >= img.getWidth() || y >= img.getHeight()) {
            return;
        }
        double a = level / 15.0;
        int bg = img.getRGB(x, y);
        int out = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            double f = (rgb >> shift) & 0xff;
            double b = (bg >> shift) & 0xff;
            out |= ((int) Math.round(b + (f - b) * a)) << shift;
        }
        img.setRGB(x, y, out);
    }

    private static BitmapFont load(String resource) {
        try (InputStream in = BitmapFont.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "font resource " + resource + " is missing from the jar");
            }
            BufferedReader r =
                    new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int ascent = -1;
            int descent = 0;
            Map<Integer, Glyph> glyphs = new HashMap<>();
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] t = line.trim().split(" ");
                if (ascent < 0) {
                    ascent = Integer.parseInt(t[0]);
                    descent = Integer.parseInt(t[1]);
                    continue;
                }
                int w = Integer.parseInt(t[4]);
                int h = Integer.parseInt(t[5]);
                byte[] alpha = new byte[w * h];
                for (int k = 0; k < alpha.length; k++) {
                    alpha[k] = (byte) Character.digit(t[6].charAt(k), 16);
                }
                glyphs.put(
                        Integer.parseInt(t[0]),
                        new Glyph(
                                Integer.parseInt(t[1]),
                                Integer.parseInt(t[2]),
                                Integer.parseInt(t[3]),
                                w,
                                h,
                                alpha));
            }
            if (!glyphs.containsKey((int) '?')) {
                throw new IllegalStateException("font resource " + resource + " lacks '?'");
            }
            return new BitmapFont(ascent, descent, Map.copyOf(glyphs));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read font resource " + resource, e);
        }
    }
}
