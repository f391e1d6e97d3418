package org.rfrecon.core.solver;

import org.rfrecon.core.operator.LinearOperator;

/**
 * The builder of a solver of a problem in a sensing operator {@code A} ({@link TikhonovCg}, {@link
 * PowerIteration}, and through {@link ProximalSolverBuilder} {@link Admm} and {@link Fista}): the
 * operator is required.
 *
 * @param <B> the concrete builder
 */
public abstract class OperatorSolverBuilder<B extends OperatorSolverBuilder<B>>
        extends SolverBuilder<B> {

    LinearOperator op;

    OperatorSolverBuilder(StoppingRule defaultRule) {
        super(defaultRule);
    }

    /** The sensing operator {@code A} (required). */
    public B setOperator(LinearOperator op) {
        this.op = op;
        return self();
    }
}
