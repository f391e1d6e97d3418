package org.rfrecon.core.solver;

import java.util.Optional;

/**
 * Base class of the solvers that iterate themselves ({@link Admm}, {@link Fista}, {@link
 * PowerIteration}, {@link ConjugateGradients.Solver}; {@link TikhonovCg} runs a CG solver): it
 * keeps their builder's {@link StoppingRule} and {@link IterationListener}, decides {@link #done}
 * by the rule from the solver's own convergence test ({@link #converged}), and says which
 * iterations read their figures from the device ({@link #reads}).
 *
 * @param <S> the solver's state record
 */
public abstract class AbstractSolver<S extends SolverState> implements IterativeSolver<S> {

    /** When to stop: the builder's rule. */
    final StoppingRule rule;

    /** Receives each iteration's figures, or null: the builder's listener. */
    final IterationListener listener;

    AbstractSolver(SolverBuilder<?> b) {
        this.rule = b.rule;
        this.listener = b.listener;
    }

    /**
     * Whether the solver's convergence measure met the rule's tolerance at {@code s} (as read at
     * that iteration; it counts only at the rule's checks).
     */
    abstract boolean converged(S s);

    /** The rule's decision after {@code s}: the tolerance met at a check, or the cap. */
    @Override
    public final Optional<StopReason> done(S s) {
        return rule.decide(s.iteration(), converged(s));
    }

    /**
     * Whether iteration {@code k} reads its figures from the device: at the rule's checks, at its
     * cap, and every iteration for a listener.
     */
    final boolean reads(int k) {
        return rule.checksAt(k) || listener != null || k >= rule.maxIterations();
    }
}
