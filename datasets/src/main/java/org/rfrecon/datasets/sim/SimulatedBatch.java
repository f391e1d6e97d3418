package org.rfrecon.datasets.sim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * A batch of simulated samples in channel layout ({@link ComplexChannels}), as {@link
 * BatchSimulator#simulate} makes it: the network's input and its training label.
 *
 * @param measurements noisy measurements, {@code (B, 2, P, F, M2, M1)}
 * @param scenes ground-truth scenes, {@code (B, 2, [N3,] N2, N1)}
 */
public record SimulatedBatch(NDArray measurements, NDArray scenes) implements AutoCloseable {

    /** The measurements as a one-array NDList (a network's input). */
    public NDList inputs() {
        return new NDList(measurements);
    }

    /** The scenes as a one-array NDList (a network's label). */
    public NDList labels() {
        return new NDList(scenes);
    }

    /** Frees both arrays. */
    @Override
    public void close() {
        measurements.close();
        scenes.close();
    }
}
