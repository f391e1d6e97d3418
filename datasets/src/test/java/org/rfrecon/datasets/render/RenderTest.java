package org.rfrecon.datasets.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.core.complex.ComplexTensor;

/** Figures and line plots: files that decode, layout, dB mapping and max projections. */
class RenderTest {

    private static final long SEED = System.nanoTime();

    @TempDir Path dir;

    @Test
    void figureOfTwoPanelsWritesAReadablePng() throws Exception {
        Random rng = new Random(SEED);
        try (NDManager m = NDManager.newBaseManager()) {
            ComplexTensor a =
                    ComplexTensor.randomNormal(m, new Shape(16, 16), DataType.FLOAT32, rng);
            ComplexTensor b =
                    ComplexTensor.randomNormal(m, new Shape(16, 16), DataType.FLOAT32, rng);
            Path png = dir.resolve("f.png");
            Figure.builder()
                    .optTitle("truth vs reconstruction")
                    .addPanels(Panels.of("truth", a))
                    .addPanels(Panels.of("reconstruction", b))
                    .build()
                    .write(png);
            BufferedImage img = ImageIO.read(png.toFile());
            assertTrue(
                    img.getWidth() > 2 * 256 && img.getHeight() > 256,
                    img.getWidth() + "x" + img.getHeight());
            // the first panel's brightest pixel maps to the top of the colour map
            assertNotEquals(0xffffff, img.getRGB(12 + 128, 12 + 22 + 22 + 128) & 0xffffff);
        }
    }

    @Test
    void levelMapsDecibelsIntoTheDynamicRange() {
        Figure f =
                Figure.builder()
                        .addPanel(new Panel("p", 1, 1, new float[] {1}))
                        .optDynamicRangeDb(40)
                        .build();
        assertEquals(1, f.level(2, 2), 1e-12);
        assertEquals(0.5, f.level(0.1 * 2, 2), 1e-12); // -20 dB is half of 40 dB
        assertEquals(0, f.level(1e-6, 2), 1e-12);
        assertEquals(0, f.level(0, 2), 1e-12);
    }

    @Test
    void volumesGiveThreeMaxProjections() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[] v = new double[2 * 4 * 6 * 8];
            int k = (2 * 6 + 3) * 8 + 5; // z=2, y=3, x=5
            v[2 * k] = 3;
            v[2 * k + 1] = 4;
            ComplexTensor x =
                    ComplexTensor.fromInterleaved(m, v, new Shape(4, 6, 8), DataType.FLOAT64);
            List<Panel> p = Panels.of("vol", x);
            assertEquals(3, p.size());
            assertEquals(8, p.get(0).width());
            assertEquals(6, p.get(0).height());
            assertEquals(5, p.get(0).magnitude()[3 * 8 + 5], 1e-6); // over z: (y, x)
            assertEquals(5, p.get(1).magnitude()[2 * 8 + 5], 1e-6); // over y: (z, x)
            assertEquals(5, p.get(2).magnitude()[2 * 6 + 3], 1e-6); // over x: (z, y)
            assertEquals(5, p.get(0).peak(), 1e-6);
        }
    }

    @Test
    void linePlotWritesAReadablePng() throws Exception {
        Random rng = new Random(SEED);
        double[] y1 = rng.doubles(20).map(t -> 1 + t).toArray();
        double[] y2 = rng.doubles(20).map(t -> 0.1 + t).toArray();
        Path png = dir.resolve("curves.png");
        LinePlot.builder()
                .optTitle("training")
                .optXLabel("epoch")
                .optYLabel("loss")
                .optLogY(true)
                .addSeries("train", y1)
                .addSeries("validation", y2)
                .optSize(500, 300)
                .build()
                .write(png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img.getWidth() > 500, "the legend widens the plot: " + img.getWidth());
        assertEquals(300, img.getHeight());
        int coloured = 0;
        for (int x = 0; x < 500; x++) {
            for (int y = 0; y < 300; y++) {
                int c = img.getRGB(x, y) & 0xffffff;
                int r = c >> 16;
                int gr = (c >> 8) & 0xff;
                int bl = c & 0xff;
                coloured +=
                        Math.max(r, Math.max(gr, bl)) - Math.min(r, Math.min(gr, bl)) > 80 ? 1 : 0;
            }
        }
        assertTrue(coloured > 200, "lines drawn in colour: " + coloured + " pixels, seed " + SEED);
        assertThrows(IllegalArgumentException.class, () -> LinePlot.builder().build());
        assertThrows(IllegalArgumentException.class, () -> Figure.builder().build());
    }
}
