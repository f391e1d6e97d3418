package org.rfrecon.training.evaluation;

import ai.djl.ndarray.NDManager;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.datasets.npy.HostArray;

/**
 * One scene of a held-out set, on the host: its geometry, noisy measurements and ground truth.
 *
 * @param id where it came from ({@code FILE.npz} or {@code DIR#index})
 * @param geometry the sensing geometry of {@code y}
 * @param y complex measurements {@code (P, F, M2, M1)}
 * @param scene the complex ground truth, the geometry's scene shape
 */
public record HeldOutScene(String id, Geometry geometry, HostArray y, HostArray scene) {

    /**
     * The measurements as a pair in {@code manager}, in memory the engine owns (a copy, not a view
     * of the host buffer).
     */
    public ComplexTensor yTensor(NDManager manager) {
        return owned(y.toComplexTensor(manager));
    }

    /** The ground truth as a pair in {@code manager} (engine-owned copy). */
    public ComplexTensor sceneTensor(NDManager manager) {
        return owned(scene.toComplexTensor(manager));
    }

    private static ComplexTensor owned(ComplexTensor t) {
        return ComplexTensor.of(t.re().mul(1), t.im().mul(1));
    }
}
