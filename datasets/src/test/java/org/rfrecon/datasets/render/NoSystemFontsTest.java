package org.rfrecon.datasets.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Figures render on a JVM whose font library cannot load, as on a headless GPU server without
 * libfreetype and fontconfig: the test builds a copy of this JDK without {@code libfontmanager.so}
 * (links to everything else), checks that AWT text fails there with an {@code
 * UnsatisfiedLinkError}, then renders every kind of figure there, with {@code
 * -Djava.awt.headless=true}, and finds text in them. Skipped where the JDK's layout is not the
 * usual one.
 */
class NoSystemFontsTest {

    @TempDir Path dir;

    /** Draws with AWT's font manager: fails in the JDK without it (the control). */
    public static final class AwtText {
        /** Entry point. */
        public static void main(String[] args) {
            BufferedImage img = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
            img.createGraphics().drawString("x", 2, 12);
        }
    }

    /** Renders a line plot, a bar plot and a figure into {@code args[0]}. */
    public static final class RenderAll {
        /** Entry point. */
        public static void main(String[] args) throws IOException {
            Path out = Path.of(args[0]);
            boolean ok =
                    LinePlot.builder()
                            .optTitle("training and validation loss")
                            .optXLabel("epoch")
                            .optYLabel("loss")
                            .optLogY(true)
                            .addSeries("train", new double[] {0.3, 0.1, 0.05})
                            .addSeries("validation", new double[] {0.35, 0.2, 0.1})
                            .build()
                            .write(out.resolve("line.png"));
            ok &=
                    BarPlot.builder()
                            .optTitle("training time")
                            .addBar("regularizer=soft-thresh", 2.5)
                            .build()
                            .write(out.resolve("bar.png"));
            float[] m = new float[64];
            m[9] = 1;
            ok &=
                    Figure.builder()
                            .optTitle("tiny")
                            .addPanel(new Panel("truth", 8, 8, m))
                            .build()
                            .write(out.resolve("figure.png"));
            System.exit(ok ? 0 : 3);
        }
    }

    @Test
    void figuresRenderWithoutTheFontLibrary() throws Exception {
        Path java = jdkWithoutFontManager();
        Result control = run(java, AwtText.class, List.of());
        assumeTrue(
                control.exit() != 0 && control.err().contains("UnsatisfiedLinkError"),
                "the font library could not be hidden: " + control.err());
        Result r = run(java, RenderAll.class, List.of(dir.toString()));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().isBlank(), r.err());
        for (String png : new String[] {"line.png", "bar.png", "figure.png"}) {
            BufferedImage img = ImageIO.read(dir.resolve(png).toFile());
            int dark = 0;
            for (int x = 0; x < img.getWidth(); x++) {
                for (int y = 0; y < 30; y++) { // the title's band
                    dark += (img.getRGB(x, y) & 0xff) < 100 ? 1 : 0;
                }
            }
            assertTrue(dark > 40, png + ": title text drawn (" + dark + " dark pixels)");
        }
    }

    private record Result(int exit, String err) {}

    private Result run(Path java, Class<?> main, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.add("-Djava.awt.headless=true");
        cmd.add("-Xshare:off");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(args);
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p =
                new ProcessBuilder(cmd)
                        .redirectError(err.toFile())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM finished");
        return new Result(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** A JDK of links to this one's files, lacking libfontmanager.so (libjvm.so is copied). */
    private Path jdkWithoutFontManager() throws IOException {
        Path home = Path.of(System.getProperty("java.home")).toRealPath();
        Path lib = home.resolve("lib");
        Path jvm = lib.resolve("server/libjvm.so");
        assumeTrue(
                Files.isRegularFile(lib.resolve("libfontmanager.so"))
                        && Files.isRegularFile(jvm)
                        && Files.isRegularFile(home.resolve("bin/java")),
                "not a Linux JDK layout");
        Path fake = dir.resolve("jdk");
        Files.createDirectories(fake.resolve("bin"));
        Files.createDirectories(fake.resolve("lib/server"));
        Files.copy(home.resolve("bin/java"), fake.resolve("bin/java"));
        try (var s = Files.list(lib)) {
            for (Path f : s.toList()) {
                String name = f.getFileName().toString();
                if (!name.equals("libfontmanager.so")
                        && !name.equals("server")
                        && Files.exists(f)) {
                    Files.createSymbolicLink(fake.resolve("lib").resolve(name), f.toRealPath());
                }
            }
        }
        try (var s = Files.list(lib.resolve("server"))) {
            for (Path f : s.toList()) {
                Files.copy(f.toRealPath(), fake.resolve("lib/server").resolve(f.getFileName()));
            }
        }
        for (String other : new String[] {"conf", "release"}) {
            if (Files.exists(home.resolve(other))) {
                Files.createSymbolicLink(fake.resolve(other), home.resolve(other).toRealPath());
            }
        }
        return fake.resolve("bin/java");
    }
}
