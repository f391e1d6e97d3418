package org.rfrecon.unrolled.regularizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * A learned soft threshold plus a CNN correction as the z-step: {@code z = S_tau(v) + f(v)}, with
 * {@code S_tau} the {@link LearnedSoftThreshold} of the stage and {@code f} the residual branch of
 * a {@link ResidualCnn}. The CNN's output layer starts scaled down (by default to 1% of DJL's
 * initial scale), so an untrained network is nearly the learned ADMM-l1 of the soft threshold, and
 * training adds what the sparsity prior misses. This is the regularizer of the bundled model: the
 * plain CNN has to learn the shrinkage that makes point scenes sparse from scratch, and on the
 * small preset it does not within the training budget (docs/unrolled.md). Optionally a third,
 * phase-equivariant branch, a {@link MagnitudeMask}: {@code z = S_tau(v) + f(v) + v .* m(|v|)} (the
 * bundled mixed model's).
 */
public final class ThresholdCnn extends AbstractRegularizer {

    private static final byte VERSION = 1;

    private final LearnedSoftThreshold threshold;
    private final ResidualCnn cnn;
    private final double initialCnnScale;
    private final MagnitudeMask mask; // null without the magnitude branch

    /**
     * @param stages K
     * @param shared one regularizer for all stages
     * @param initialFraction the initial soft threshold, a fraction of {@code ||A^H y||_inf}
     * @param layers the convolutions of the CNN branch (and of the mask branch's map)
     * @param initialCnnScale the CNN branch's initial output scale (and the mask branch's gain)
     * @param gain the scale is a learned gain on the CNN's output (convolutions at their normal
     *     initial scale) rather than a scaling of its output layer's weights
     * @param mask a {@link MagnitudeMask} branch as well: {@code z = S_tau(v) + f(v) + v .* m(|v|)}
     */
    public ThresholdCnn(
            int stages,
            boolean shared,
            double initialFraction,
            ConvStack layers,
            double initialCnnScale,
            boolean gain,
            boolean mask) {
        super(VERSION);
        this.initialCnnScale = initialCnnScale;
        this.threshold =
                addChildBlock(
                        "threshold", new LearnedSoftThreshold(stages, shared, initialFraction));
        this.cnn =
                addChildBlock(
                        "cnn",
                        new ResidualCnn(
                                stages, shared, layers, gain ? initialCnnScale : Double.NaN));
        this.mask =
                mask
                        ? addChildBlock(
                                "mask", new MagnitudeMask(stages, shared, layers, initialCnnScale))
                        : null;
    }

    @Override
    public ComplexTensor apply(Stage stage, ComplexTensor v, NDArray rho) {
        ComplexTensor z = threshold.apply(stage, v, rho).add(cnn.correction(stage, v));
        return mask == null ? z : z.add(mask.correction(stage, v));
    }

    @Override
    protected void initializeChildBlocks(
            NDManager manager, DataType dataType, Shape... inputShapes) {
        threshold.initialize(manager, dataType, inputShapes);
        cnn.initialize(manager, dataType, inputShapes);
        if (mask != null) {
            mask.initialize(manager, dataType, inputShapes);
        }
        if (!cnn.hasGain()) {
            cnn.scaleOutputLayersInPlace(initialCnnScale);
        }
    }
}
