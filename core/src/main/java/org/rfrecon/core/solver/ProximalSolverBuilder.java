package org.rfrecon.core.solver;

import org.rfrecon.core.prox.Prox;

/**
 * The builder of a proximal solver of {@code minimize 1/2 ||A x - y||^2 + lambda R(x)} ({@link
 * Admm}, {@link Fista}): the operator {@code A} and the prox of {@code lambda R} are required.
 *
 * @param <B> the concrete builder
 */
public abstract class ProximalSolverBuilder<B extends ProximalSolverBuilder<B>>
        extends OperatorSolverBuilder<B> {

    Prox prox;

    ProximalSolverBuilder(StoppingRule defaultRule) {
        super(defaultRule);
    }

    /** The prox of {@code lambda R}, its lambda absolute (required). */
    public B setProx(Prox prox) {
        this.prox = prox;
        return self();
    }
}
