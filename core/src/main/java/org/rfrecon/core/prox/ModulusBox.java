package org.rfrecon.core.prox;

import ai.djl.ndarray.NDArray;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * Projection onto the set {@code {x : |x_i| <= r for all i}}: each modulus is clipped to {@code r},
 * phases are kept. {@code gamma} is ignored (a projection).
 */
public final class ModulusBox implements Prox {

    private final double radius;

    /** The box of modulus radius {@code radius}. */
    public ModulusBox(double radius) {
        if (!(radius >= 0)) {
            throw new IllegalArgumentException("modulus box: radius must be >= 0, got " + radius);
        }
        this.radius = radius;
    }

    @Override
    public ComplexTensor prox(ComplexTensor v, double gamma) {
        NDArray mod = v.abs2().add(SoftThreshold.EPS * SoftThreshold.EPS).sqrt();
        NDArray gain = mod.pow(-1).mul(radius).minimum(1);
        return v.scale(gain);
    }

    @Override
    public double value(ComplexTensor x) {
        return 0;
    }
}
