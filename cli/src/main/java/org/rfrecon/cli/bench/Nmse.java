package org.rfrecon.cli.bench;

import ai.djl.ndarray.types.DataType;
import org.rfrecon.core.complex.ComplexTensor;

/** The error of a result against a float64 reference, {@code 10 log10(||a - r||^2 / ||r||^2)}. */
final class Nmse {

    private Nmse() {}

    /** NMSE in dB of {@code estimate} against {@code reference}, computed in float64. */
    static double db(ComplexTensor estimate, ComplexTensor reference) {
        try (ComplexTensor e = estimate.toType(DataType.FLOAT64);
                ComplexTensor d = e.sub(reference)) {
            double num = d.norm2Squared().getDouble();
            double den = reference.norm2Squared().getDouble();
            return 10 * Math.log10(num / den);
        }
    }
}
