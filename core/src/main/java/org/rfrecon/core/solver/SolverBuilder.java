package org.rfrecon.core.solver;

/**
 * What every solver's builder takes besides its problem: the {@link StoppingRule} (each solver
 * documents its default) and an optional {@link IterationListener}. DJL's convention: {@code opt*}
 * setters return the builder itself.
 *
 * @param <B> the concrete builder
 */
public abstract class SolverBuilder<B extends SolverBuilder<B>> {

    StoppingRule rule;
    IterationListener listener;

    /** A builder whose stopping rule is {@code defaultRule} until {@link #optStoppingRule}. */
    SolverBuilder(StoppingRule defaultRule) {
        this.rule = defaultRule;
    }

    /** This builder, as its own type ({@code B} is always the concrete builder). */
    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    /**
     * The iteration cap, the tolerance on the solver's convergence measure and the check interval
     * (the default is in the solver's builder's documentation).
     */
    public B optStoppingRule(StoppingRule rule) {
        this.rule = rule;
        return self();
    }

    /**
     * Receives an {@link IterationInfo} each iteration with what the solver measures (optional;
     * costs host reads on every iteration).
     */
    public B optListener(IterationListener listener) {
        this.listener = listener;
        return self();
    }
}
