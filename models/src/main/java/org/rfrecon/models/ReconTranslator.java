package org.rfrecon.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.Arrays;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.datasets.npy.HostArray;
import org.rfrecon.datasets.sim.ComplexChannels;

/**
 * Turns {@link Measurements} into the network's input and its output into a {@link Reconstruction}.
 * It refuses measurements of another geometry than the model's (the operator is built from the
 * model's geometry), of the wrong shape, or holding NaN or infinite values, each with a one-line
 * {@link IllegalArgumentException}.
 *
 * <p>Network input: {@code (1, 2, P, F, M2, M1)} in the model's dtype (channel-first real and
 * imaginary parts); output {@code (1, 2, [N3,] N2, N1)}.
 */
public final class ReconTranslator implements NoBatchifyTranslator<Measurements, Reconstruction> {

    private final Geometry geometry;
    private final DataType dtype;

    /** A translator for a model of {@code geometry} computing in {@code dtype}. */
    public ReconTranslator(Geometry geometry, DataType dtype) {
        this.geometry = geometry;
        this.dtype = dtype;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Measurements input) {
        if (!input.geometry().sameSensing(geometry)) {
            throw new IllegalArgumentException(
                    "the measurements' geometry ("
                            + input.geometry().preset()
                            + ") is not the geometry the model was trained for ("
                            + geometry.preset()
                            + ")");
        }
        Shape expected = geometry.measurementShape();
        if (!Arrays.equals(input.y().shape(), expected.getShape())
                || !input.y().dtype().isComplex()) {
            throw new IllegalArgumentException(
                    "measurements must be complex of shape "
                            + HostArray.shapeString(expected.getShape())
                            + ", got "
                            + input.y().describe());
        }
        ComplexTensor y = input.y().toComplexTensor(ctx.getNDManager()).toType(dtype);
        if (y.hasNonFinite()) {
            throw new IllegalArgumentException("measurements hold NaN or infinite values");
        }
        return new NDList(ComplexChannels.stack(y, 0).expandDims(0));
    }

    @Override
    public Reconstruction processOutput(TranslatorContext ctx, NDList list) {
        NDArray x = list.singletonOrThrow().squeeze(0);
        ComplexTensor c = ComplexChannels.unstack(x, 0).toType(DataType.FLOAT32);
        return new Reconstruction(HostArray.fromComplexTensor(c));
    }
}
