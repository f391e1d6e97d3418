package org.rfrecon.core.operator;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;

/**
 * How far the Fresnel (Kronecker) model is from the exact spherical-wave model on a geometry: the
 * NMSE in dB of the Fresnel measurements of random scenes against the exact ones, {@code 10
 * log10(sum ||y_fresnel - y_exact||^2 / sum ||y_exact||^2)} over a batch of {@value #SCENES} white
 * complex scenes. This is the model error a reconstruction with the fast operator meets on
 * exact-physics data. One scene is not enough: the error concentrates on the few pixels farthest
 * from the antennas, so a single draw varies by several dB.
 */
public final class ModelMismatch {

    /** The number of random scenes the figure averages over. */
    public static final int SCENES = 16;

    private ModelMismatch() {}

    /** The mismatch in dB on {@value #SCENES} random scenes drawn from {@code rng}, in float64. */
    public static double fresnelVsExactDb(Geometry g, NDManager manager, Random rng) {
        try (NDManager tmp = manager.newSubManager()) {
            LinearOperator fresnel = Operators.fresnel(g, tmp, DataType.FLOAT64);
            LinearOperator exact = new ExactSpherical(g, tmp, DataType.FLOAT64);
            ComplexTensor x =
                    ComplexTensor.randomNormal(
                            tmp, new Shape(SCENES).addAll(g.sceneShape()), DataType.FLOAT64, rng);
            ComplexTensor yf = fresnel.forward(x);
            ComplexTensor ye = exact.forward(x);
            double err = yf.sub(ye).norm2Squared().getDouble();
            double ref = ye.norm2Squared().getDouble();
            return 10 * Math.log10(err / ref);
        }
    }
}
