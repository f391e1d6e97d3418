package org.rfrecon.datasets.render;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.rfrecon.core.complex.ComplexTensor;

/** Makes {@link Panel}s from complex images and volumes (one host copy of the magnitude each). */
public final class Panels {

    private Panels() {}

    /**
     * The magnitude of a 2D complex image {@code (N2, N1)}, or the maximum projections of a volume
     * {@code (N3, N2, N1)} (see {@link #maxProjections}).
     */
    public static List<Panel> of(String title, ComplexTensor x) {
        int d = x.getShape().dimension();
        if (d == 3) {
            return maxProjections(title, x);
        }
        if (d != 2) {
            throw new IllegalArgumentException(
                    "'" + title + "' is not an image or volume: " + x.getShape());
        }
        try (NDArray m = x.abs()) {
            return List.of(panel(title, m));
        }
    }

    /**
     * The maximum-intensity projections of a volume's magnitude {@code (N3, N2, N1)} along each
     * axis: over z (an x-y image), over y (x-z) and over x (y-z).
     */
    public static List<Panel> maxProjections(String title, ComplexTensor volume) {
        if (volume.getShape().dimension() != 3) {
            throw new IllegalArgumentException(
                    "'" + title + "' is not a volume: " + volume.getShape());
        }
        try (NDArray m = volume.abs();
                NDArray z = m.max(new int[] {0});
                NDArray y = m.max(new int[] {1});
                NDArray x = m.max(new int[] {2})) {
            return List.of(
                    panel(title + " (max over z)", z),
                    panel(title + " (max over y)", y),
                    panel(title + " (max over x)", x));
        }
    }

    /** A panel of a real non-negative 2D array {@code (height, width)}. */
    public static Panel panel(String title, NDArray image) {
        Shape s = image.getShape();
        if (s.dimension() != 2) {
            throw new IllegalArgumentException("'" + title + "' is not 2D: " + s);
        }
        try (NDArray f = image.toType(DataType.FLOAT32, false)) {
            return new Panel(title, (int) s.get(1), (int) s.get(0), f.toFloatArray());
        }
    }
}
