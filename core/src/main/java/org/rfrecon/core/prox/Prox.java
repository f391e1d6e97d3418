package org.rfrecon.core.prox;

import java.util.Optional;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * A proximal map {@code prox_{gamma R}(v) = argmin_x 1/2 ||x - v||^2 + gamma R(x)} of a convex
 * function {@code R} of a complex tensor (or the projection onto a convex set, where {@code R} is
 * its indicator and {@code gamma} is ignored). Maps act on batches and on any device; the result
 * belongs to the manager of {@code v}.
 */
public interface Prox {

    /** {@code prox_{gamma R}(v)}. */
    ComplexTensor prox(ComplexTensor v, double gamma);

    /**
     * This map as TorchScript, for loops compiled into one native call, or empty where there is
     * none (the default).
     */
    default Optional<ProxProgram> program() {
        return Optional.empty();
    }

    /** {@code R(x)}, for objectives and tests (one host read); 0 for a projection's feasible x. */
    double value(ComplexTensor x);
}
