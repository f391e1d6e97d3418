package org.rfrecon.training;

import ai.djl.training.loss.Loss;
import java.util.Locale;

/** The training losses of {@link ComplexLosses}. */
public enum LossKind {
    /** {@link ComplexLosses#nmse()}. */
    NMSE,
    /** {@link ComplexLosses#nmseDb()}: the per-scene NMSE in dB, as evaluations average it. */
    NMSE_DB,
    /** {@link ComplexLosses#mse()}. */
    MSE,
    /** {@link ComplexLosses#l1Magnitude()}. */
    L1_MAGNITUDE;

    /** The name in configs: {@code nmse}, {@code nmse-db}, {@code mse} or {@code l1-magnitude}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A new instance of this loss. */
    public Loss loss() {
        return ComplexLosses.byName(id());
    }
}
