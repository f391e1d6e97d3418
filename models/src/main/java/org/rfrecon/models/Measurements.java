package org.rfrecon.models;

import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.datasets.npy.HostArray;
import org.rfrecon.datasets.sim.SimulationData;

/**
 * The input of an rfrecon model's {@link ai.djl.inference.Predictor}: complex measurements {@code
 * (P, F, M2, M1)} on the host, and the geometry they were taken with (checked against the model's).
 *
 * @param geometry the sensing geometry of {@code y}
 * @param y complex measurements, complex64 or complex128
 */
public record Measurements(Geometry geometry, HostArray y) {

    /** The noisy measurements of a simulation file. */
    public static Measurements of(SimulationData data) {
        return new Measurements(data.geometry(), data.y());
    }
}
