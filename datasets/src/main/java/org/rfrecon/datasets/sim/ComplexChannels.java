package org.rfrecon.datasets.sim;

import ai.djl.ndarray.NDArray;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * The real layout in which {@link SimulatedDataset} hands complex arrays to DJL: real and imaginary
 * parts stacked on a channel axis of length 2 (channel 0 real, channel 1 imaginary). A single
 * sample has the channel axis first, {@code (2, ...)}; after DJL's stack batchifier a batch is
 * {@code (B, 2, ...)}, so the channel axis is 1 there.
 */
public final class ComplexChannels {

    private ComplexChannels() {}

    /** {@code (re, im)} stacked on a new axis {@code axis}; owned by {@code x}'s manager. */
    public static NDArray stack(ComplexTensor x, int axis) {
        return x.re().stack(x.im(), axis);
    }

    /**
     * Splits a channel axis of length 2 back into a complex pair; owned by {@code a}'s manager.
     *
     * @throws IllegalArgumentException if the axis does not have length 2
     */
    public static ComplexTensor unstack(NDArray a, int axis) {
        int ax = ComplexTensor.channelAxis(a, axis);
        String lead = ":, ".repeat(ax);
        return ComplexTensor.of(a.get(lead + "0"), a.get(lead + "1"));
    }
}
