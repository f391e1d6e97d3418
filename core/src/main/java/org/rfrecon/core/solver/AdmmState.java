package org.rfrecon.core.solver;

import org.rfrecon.core.complex.ComplexTensor;

/**
 * The iterates of scaled-form ADMM: the data-consistent {@code x}, the regularised {@code z} and
 * the scaled dual {@code u}.
 *
 * @param x the x-step's output
 * @param z the z-step's output (the reconstruction ADMM returns)
 * @param u the scaled dual variable
 */
public record AdmmState(ComplexTensor x, ComplexTensor z, ComplexTensor u)
        implements AutoCloseable {

    /** Frees the three iterates. */
    @Override
    public void close() {
        x.close();
        z.close();
        u.close();
    }
}
