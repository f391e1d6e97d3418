package org.rfrecon.training;

import ai.djl.training.loss.Loss;
import org.rfrecon.core.naming.Named;

/**
 * The training losses of {@link ComplexLosses}. The name in configs ({@link #id()}) is {@code
 * nmse}, {@code nmse-db}, {@code mse} or {@code l1-magnitude}.
 */
public enum LossKind implements Named {
    /** {@link ComplexLosses#nmse()}. */
    NMSE,
    /** {@link ComplexLosses#nmseDb()}: the per-scene NMSE in dB, as evaluations average it. */
    NMSE_DB,
    /** {@link ComplexLosses#mse()}. */
    MSE,
    /** {@link ComplexLosses#l1Magnitude()}. */
    L1_MAGNITUDE;

    /** A new instance of this loss. */
    public Loss loss() {
        return switch (this) {
            case NMSE -> ComplexLosses.nmse();
            case NMSE_DB -> ComplexLosses.nmseDb();
            case MSE -> ComplexLosses.mse();
            case L1_MAGNITUDE -> ComplexLosses.l1Magnitude();
        };
    }
}
