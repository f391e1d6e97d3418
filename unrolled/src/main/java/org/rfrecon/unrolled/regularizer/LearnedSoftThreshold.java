package org.rfrecon.unrolled.regularizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.prox.SoftThreshold;

/**
 * A learned complex soft threshold: stage {@code k} shrinks moduli by {@code tau_k =
 * softplus(theta_k) * max|A^H y| / rho_k}, i.e. the prox of {@code lambda_k ||x||_1} with {@code
 * lambda_k} a learned, positive fraction of {@code ||A^H y||_inf} (the lambda convention of {@code
 * rfrecon reconstruct}). With {@code theta} fixed this is exactly classical ADMM-l1's z-step.
 */
public final class LearnedSoftThreshold extends AbstractRegularizer {

    private static final byte VERSION = 1;

    private final Parameter theta;
    private final boolean shared;

    /**
     * @param stages K
     * @param shared one threshold for all stages
     * @param initialFraction the initial {@code lambda_k} (fraction of {@code ||A^H y||_inf})
     */
    public LearnedSoftThreshold(int stages, boolean shared, double initialFraction) {
        super(VERSION);
        this.shared = shared;
        this.theta =
                addParameter(
                        Parameter.builder()
                                .setName("theta")
                                .setType(Parameter.Type.WEIGHT)
                                .optShape(new Shape(shared ? 1 : stages))
                                .optInitializer(
                                        new ConstantValue(Softplus.inverse(initialFraction)))
                                .build());
    }

    @Override
    public ComplexTensor apply(Stage stage, ComplexTensor v, NDArray rho) {
        NDArray t = stage.ps().getValue(theta, v.getDevice(), stage.training());
        NDArray lambda = Activation.softPlus(t.get(shared ? 0 : stage.index()));
        return SoftThreshold.apply(v, lambda.mul(stage.scale()).div(rho));
    }
}
