package org.rfrecon.datasets.sim;

import ai.djl.ndarray.NDManager;
import java.util.Optional;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.SensingFactors;
import org.rfrecon.datasets.npy.HostArray;

/**
 * A simulation file's content on the host, validated by {@link SimulationFile#read}: every array
 * has the shape its geometry implies and holds only finite values.
 *
 * @param meta how it was made, with the geometry
 * @param scene the ground truth, (N2, N1) or (N3, N2, N1)
 * @param y the noisy measurements, (P, F, M2, M1)
 * @param yClean the clean measurements, (P, F, M2, M1)
 * @param a1 the Fresnel x factor, (P, F, M1, N1)
 * @param a2 the Fresnel y factor, (P, F, M2, N2)
 * @param a3 the Fresnel range factor, (P, F, N3), volumes only
 * @param s the Fresnel scalars, (P, F)
 */
public record SimulationData(
        SimulationMeta meta,
        HostArray scene,
        HostArray y,
        HostArray yClean,
        HostArray a1,
        HostArray a2,
        Optional<HostArray> a3,
        HostArray s) {

    /** The geometry. */
    public Geometry geometry() {
        return meta.geometry();
    }

    /** The scene as a complex pair in {@code manager} (dtype as stored). */
    public ComplexTensor sceneTensor(NDManager manager) {
        return scene.toComplexTensor(manager);
    }

    /**
     * The stored factors as complex pairs in {@code manager} (dtype as stored): the file's operator
     * (SPEC §3), for {@code SensingModel.ofFactors}.
     */
    public SensingFactors factors(NDManager manager) {
        return new SensingFactors(
                a1.toComplexTensor(manager),
                a2.toComplexTensor(manager),
                a3.map(a -> a.toComplexTensor(manager)),
                s.toComplexTensor(manager));
    }

    /** The noisy measurements as a complex pair in {@code manager} (dtype as stored). */
    public ComplexTensor yTensor(NDManager manager) {
        return y.toComplexTensor(manager);
    }
}
