package org.rfrecon.datasets.sim;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.SensingFactors;
import org.rfrecon.core.naming.Named;
import org.rfrecon.core.operator.ExactSpherical;
import org.rfrecon.core.operator.Kronecker2D;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.operator.Operators;
import org.rfrecon.core.operator.Volume3D;

/**
 * Which model makes the measurements. Simulating with {@link #EXACT} and reconstructing with the
 * Fresnel operator avoids the inverse crime of judging a method on data made by its own model. Its
 * command-line name ({@link #id()}) is {@code fresnel} or {@code exact}.
 */
public enum Physics implements Named {
    /** The Fresnel (Kronecker) model: {@link Kronecker2D} or {@link Volume3D}. */
    FRESNEL,
    /** The exact spherical-wave model: {@link ExactSpherical}. */
    EXACT;

    /**
     * The physics of a command-line name.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Physics byName(String name) {
        return Named.byId(values(), name, "physics");
    }

    /**
     * The forward model of this physics on {@code g}. The Fresnel operator reuses {@code factors}
     * (which must belong to {@code g}); the exact one builds its blocks on the fly in {@code
     * manager}.
     */
    public LinearOperator operator(
            Geometry g, SensingFactors factors, NDManager manager, DataType dtype) {
        if (this == EXACT) {
            return new ExactSpherical(g, manager, dtype);
        }
        return Operators.fresnel(factors);
    }
}
