package org.rfrecon.unrolled.regularizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.stream.IntStream;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;

/**
 * A phase-equivariant correction {@code g(v) = v .* m(|v| / rms|v|)}: a real map {@code m}, drawn
 * by a CNN (the layers of a {@link ResidualCnn} with one input and one output channel) from the
 * magnitude of {@code v} normalised by its root mean square, multiplies {@code v} pixel by pixel,
 * times a learned gain per stage.
 *
 * <p>Why: a CNN on (real, imaginary) channels must learn every rotation of the phase separately,
 * and the shapes of a scene each carry one uniformly random phase. Rotating {@code v} by any phase
 * rotates {@code g(v)} by the same phase, and scaling {@code v} scales {@code g(v)}, so this branch
 * learns only what the magnitude says (where a shape's support and edges are, how bright it is) and
 * keeps the phase that the data consistency steps found. On the bundled mixed model's output the
 * best per-pixel real gain would leave -9.0 dB of error where the model leaves -2.9 dB
 * (docs/training.md): the magnitude, not the phase, is what the network gets wrong.
 */
public final class MagnitudeMask extends AbstractRegularizer {

    private static final byte VERSION = 1;

    /** Keeps the normalised magnitude's square root differentiable where {@code v} is zero. */
    private static final double FLOOR = 1e-6;

    private final ResidualCnn map;

    /**
     * @param stages K
     * @param shared one map for all stages
     * @param layers the convolutions of the map's CNN
     * @param initialGain the initial gain of every stage
     */
    public MagnitudeMask(int stages, boolean shared, ConvStack layers, double initialGain) {
        super(VERSION);
        this.map = addChildBlock("map", new ResidualCnn(stages, shared, layers, initialGain, 1));
    }

    @Override
    public ComplexTensor apply(Stage stage, ComplexTensor v, NDArray rho) {
        return v.add(correction(stage, v));
    }

    /** The branch alone, {@code v .* m(|v| / rms|v|)}, of stage {@code stage}. */
    public ComplexTensor correction(Stage stage, ComplexTensor v) {
        NDArray power = v.abs2(); // (B, [N3,] N2, N1)
        int[] spatial = IntStream.range(1, power.getShape().dimension()).toArray();
        long pixels = power.getShape().size() / power.getShape().get(0);
        // constants made on the device (Scalars#constant): div(Number) and add(Number) copy a
        // host scalar, which stalls the GPU's queue and cannot be recorded in a CUDA graph
        NDArray mean =
                power.sum(spatial, true)
                        .div(Scalars.constant(power, pixels))
                        .add(Scalars.constant(power, 1e-30));
        NDArray magnitude =
                power.div(mean).add(Scalars.constant(power, FLOOR)).sqrt().expandDims(1);
        NDArray m = map.branch(stage.ps(), stage.index(), magnitude, stage.training()).squeeze(1);
        return v.scale(m);
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape pairs = inputShapes[0]; // (B, 2, [N3,] N2, N1)
        long[] dims = pairs.getShape().clone(); // getShape() is the Shape's own array
        dims[1] = 1;
        map.initialize(manager, dataType, new Shape(dims));
    }
}
