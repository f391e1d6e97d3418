package org.rfrecon.unrolled.regularizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.rfrecon.core.complex.ComplexTensor;

/** Per-sample scales of batched complex images. */
public final class Scales {

    private Scales() {}

    /** {@code max |v|} over all axes but the first, kept as (B, 1, ..., 1). */
    public static NDArray maxModulus(ComplexTensor v) {
        int nd = v.getShape().dimension();
        long[] keep = new long[nd];
        java.util.Arrays.fill(keep, 1);
        keep[0] = v.getShape().get(0);
        // DJL's max takes one axis on PyTorch: flatten each sample first
        return v.abs2()
                .reshape(keep[0], -1)
                .max(new int[] {1}, true)
                .sqrt()
                .reshape(new Shape(keep));
    }

    /**
     * A regularizer applied on its own, as a DJL block's forward: channel-first pairs in and out,
     * stage 0, {@code rho = 1} and the input's own {@code max |v|} as the threshold scale.
     */
    static NDList applyAlone(
            LearnedRegularizer regularizer, ParameterStore ps, NDList inputs, boolean training) {
        ComplexTensor v = ComplexTensor.fromChannels(inputs.singletonOrThrow(), 1);
        NDArray scale = maxModulus(v);
        NDArray rho = scale.onesLike().get("0").squeeze();
        LearnedRegularizer.Stage stage = new LearnedRegularizer.Stage(ps, 0, scale, training);
        return new NDList(regularizer.apply(stage, v, rho).stackChannels(1));
    }
}
