package org.rfrecon.datasets.sim;

import org.rfrecon.core.complex.ComplexTensor;

/**
 * One simulated sample: the scene, its clean and noisy measurements, and how they were made. The
 * tensors belong to the manager the {@link Simulator} was asked to use; {@link #close()} frees
 * them.
 *
 * @param meta how the sample was made (seed, index, physics, SNR)
 * @param scene the ground truth, (N2, N1) or (N3, N2, N1)
 * @param yClean {@code A scene}, (P, F, M2, M1)
 * @param y {@code yClean + noise}
 */
public record Simulation(
        SimulationMeta meta, ComplexTensor scene, ComplexTensor yClean, ComplexTensor y)
        implements AutoCloseable {

    /** Frees the three tensors. */
    @Override
    public void close() {
        scene.close();
        yClean.close();
        y.close();
    }
}
