package org.rfrecon.core.prox;

import ai.djl.ndarray.NDArray;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * Projection onto the ball {@code {x : ||x||_2 <= r}} of each sample: the norm is taken over all
 * axes but the first {@code batchAxes}, and a sample outside the ball is scaled onto its surface.
 * {@code gamma} is ignored (a projection).
 */
public final class L2Ball implements Prox {

    private final double radius;
    private final int batchAxes;

    /** The ball of radius {@code radius}; the first {@code batchAxes} axes index samples. */
    public L2Ball(double radius, int batchAxes) {
        if (!(radius >= 0) || batchAxes < 0) {
            throw new IllegalArgumentException("L2 ball: radius >= 0 and batchAxes >= 0 needed");
        }
        this.radius = radius;
        this.batchAxes = batchAxes;
    }

    @Override
    public ComplexTensor prox(ComplexTensor v, double gamma) {
        int nd = v.getShape().dimension();
        int[] axes = new int[nd - batchAxes];
        for (int k = 0; k < axes.length; k++) {
            axes[k] = batchAxes + k;
        }
        NDArray norm = v.abs2().sum(axes, true).sqrt();
        NDArray gain = norm.add(SoftThreshold.EPS).pow(-1).mul(radius).minimum(1);
        return v.scale(gain);
    }

    @Override
    public double value(ComplexTensor x) {
        return 0;
    }
}
