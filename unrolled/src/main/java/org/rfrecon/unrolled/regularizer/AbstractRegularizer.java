package org.rfrecon.unrolled.regularizer;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The block wiring of a {@link LearnedRegularizer}: as a DJL block on its own, it maps
 * channel-first pairs to pairs of the same shape by {@link Scales#applyAlone} (stage 0, {@code rho
 * = 1}, the input's own {@code max |v|} as the threshold scale). Subclasses write {@link #apply}.
 */
public abstract class AbstractRegularizer extends AbstractBlock implements LearnedRegularizer {

    /** A block of the given format version. */
    protected AbstractRegularizer(byte version) {
        super(version);
    }

    @Override
    protected final NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return Scales.applyAlone(this, ps, inputs, training);
    }

    @Override
    public final Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
