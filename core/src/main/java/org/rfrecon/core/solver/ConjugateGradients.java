package org.rfrecon.core.solver;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;

/**
 * Conjugate gradients for a Hermitian positive definite system {@code M x = b} given as a function
 * (Hestenes and Stiefel, 1952). One iteration is one application of {@code M}. All scalars stay on
 * the device; the relative residual {@code ||b - M x|| / ||b||} is read only at the stopping rule's
 * checks. Each iteration runs in an {@link NDScope}, so only the current iterate, residual and
 * direction stay alive.
 *
 * <p>{@link #solveShifted} solves the ADMM system {@code (N + rho I) x = b} and also returns {@code
 * N x}, updated alongside {@code x} from the products {@code N p} CG computes anyway: given {@code
 * N x0} of its warm start it applies {@code N} once per iteration and never to the warm start. Its
 * last iteration, when nothing is read, also skips the residual and direction updates that nothing
 * would use. ({@link #solve}, which the unrolled network differentiates, keeps them: with the skip
 * the checkpointed and full-graph gradients of the unrolled network's rho disagreed in {@code
 * UnrolledAdmmTest}, reproducibly, for reasons not yet found.)
 *
 * <p>A batch of independent systems (the leading {@code batchDims} axes of {@code b}, for example
 * the samples of an unrolled network's mini-batch) is solved with one step length and one direction
 * update per system: the inner products reduce over the trailing axes only, so each sample's
 * solution is the one it would get alone, whatever else is in the batch. A tiny constant in the
 * denominators keeps a system whose residual is exactly zero (a zero right-hand side) at {@code
 * alpha = beta = 0} instead of 0/0.
 */
public final class ConjugateGradients {
    // The static solve and solveShifted are the thin function forms the x-steps (and so the
    // unrolled network's autograd) use; builder() gives the steppable IterativeSolver.

    private ConjugateGradients() {}

    /**
     * A solution with the normal product that came with it.
     *
     * @param x the solution
     * @param normalX {@code N x}, up to the rounding of its updates
     */
    public record Shifted(ComplexTensor x, ComplexTensor normalX) implements AutoCloseable {

        /** Frees both. */
        @Override
        public void close() {
            x.close();
            normalX.close();
        }
    }

    /**
     * Solves {@code M x = b}.
     *
     * @param m the system operator
     * @param b the right-hand side (not modified)
     * @param x0 the initial guess, or {@code null} for zero (not modified)
     * @param rule iterations and tolerance on the relative residual
     * @param listener per-iteration residuals, or {@code null}
     * @return the solution, owned by {@code b}'s (or {@code x0}'s) manager
     * @throws SolverDivergedException if the residual becomes NaN or infinite
     */
    public static ComplexTensor solve(
            UnaryOperator<ComplexTensor> m,
            ComplexTensor b,
            ComplexTensor x0,
            StoppingRule rule,
            IterationListener listener) {
        return solve(m, b, x0, 0, rule, listener);
    }

    /**
     * Solves a batch of independent systems {@code M x_i = b_i}, one per index of the leading
     * {@code batchDims} axes of {@code b}; the stopping rule reads the residual of the whole batch.
     *
     * @param m the system operator (it must act on each system separately)
     * @param b the right-hand sides (not modified)
     * @param x0 the initial guesses, or {@code null} for zero (not modified)
     * @param batchDims how many leading axes of {@code b} index independent systems (0: one)
     * @param rule iterations and tolerance on the relative residual
     * @param listener per-iteration residuals, or {@code null}
     * @return the solutions, owned by {@code b}'s (or {@code x0}'s) manager
     * @throws SolverDivergedException if the residual becomes NaN or infinite
     */
    public static ComplexTensor solve(
            UnaryOperator<ComplexTensor> m,
            ComplexTensor b,
            ComplexTensor x0,
            int batchDims,
            StoppingRule rule,
            IterationListener listener) {
        ComplexTensor r;
        if (x0 == null) {
            r = b.view();
        } else {
            try (NDScope scope = new NDScope()) {
                r = b.sub(m.apply(x0));
                NDScope.unregister(r.handles());
            }
        }
        return iterate(
                        p -> new ComplexTensor[] {m.apply(p)},
                        b,
                        x0,
                        null,
                        r,
                        batchDims,
                        rule,
                        listener,
                        false)
                .x();
    }

    /**
     * Solves {@code (N + rho I) x = b} and returns {@code x} with {@code N x}.
     *
     * @param normal the Hermitian positive semi-definite {@code N}
     * @param rho the shift, a positive scalar array
     * @param b the right-hand side (not modified)
     * @param x0 the initial guess, or {@code null} for zero (not modified)
     * @param normalX0 {@code N x0}, or {@code null} to compute it (ignored when {@code x0} is null)
     * @param batchDims how many leading axes of {@code b} index independent systems (0: one)
     * @param rule iterations and tolerance on the relative residual
     * @return the solution and its normal product, owned by {@code b}'s manager
     */
    public static Shifted solveShifted(
            UnaryOperator<ComplexTensor> normal,
            NDArray rho,
            ComplexTensor b,
            ComplexTensor x0,
            ComplexTensor normalX0,
            int batchDims,
            StoppingRule rule) {
        ComplexTensor r;
        ComplexTensor nx;
        if (x0 == null) {
            r = b.view();
            nx = ComplexTensor.zeros(b.getManager(), b.getShape(), b.getDataType());
        } else {
            try (NDScope scope = new NDScope()) {
                nx = normalX0 == null ? normal.apply(x0) : normalX0.view();
                r = b.sub(nx.add(x0.scale(rho)));
                NDScope.unregister(r.handles());
                NDScope.unregister(nx.handles());
            }
        }
        return iterate(
                p -> {
                    ComplexTensor np = normal.apply(p);
                    return new ComplexTensor[] {np.add(p.scale(rho)), np};
                },
                b,
                x0,
                nx,
                r,
                batchDims,
                rule,
                null,
                true);
    }

    /**
     * The CG loop from residual {@code r} of {@code x0}; {@code apply} returns {@code M p} and,
     * when {@code nx} is tracked, {@code N p} second. Takes ownership of {@code r} and {@code nx}.
     * With {@code skipLast}, a read-free last iteration does not update the residual and direction.
     */
    private static Shifted iterate(
            Function<ComplexTensor, ComplexTensor[]> apply,
            ComplexTensor b,
            ComplexTensor x0,
            ComplexTensor nx,
            ComplexTensor r,
            int batchDims,
            StoppingRule rule,
            IterationListener listener,
            boolean skipLast) {
        int[] axes = trailingAxes(b.getShape().dimension(), batchDims);
        ComplexTensor x =
                x0 == null
                        ? ComplexTensor.zeros(b.getManager(), b.getShape(), b.getDataType())
                        : x0.view();
        ComplexTensor p = r.view();
        NDArray rs = norm2Squared(r, axes);
        // on the device, once per solve: add(double) copies a host scalar, which on a GPU is a
        // blocking copy, twice an iteration
        NDArray tiny = Scalars.constant(rs, tiny(b.getDataType()));
        double bNorm2 =
                rule.tolerance() > 0 || listener != null ? Scalars.value(b.norm2Squared()) : 1;
        for (int k = 1; k <= rule.maxIterations(); k++) {
            boolean reads = rule.checksAt(k) || listener != null;
            boolean last = skipLast && k == rule.maxIterations() && !reads;
            Iterate n = advance(apply, new Iterate(x, nx, r, p, rs), axes, tiny, last);
            x = n.x();
            nx = n.nx();
            if (last) {
                break;
            }
            r = n.r();
            p = n.p();
            rs = n.rs();
            if (reads) {
                double rel = relativeResidual(rs, bNorm2, k);
                if (listener != null) {
                    listener.onIteration(
                            new IterationInfo(k, Double.NaN, rel, Double.NaN, Double.NaN));
                }
                if (rule.checksAt(k) && rel < rule.tolerance()) {
                    break;
                }
            }
        }
        r.close();
        p.close();
        rs.close();
        tiny.close();
        return new Shifted(x, nx);
    }

    /** CG's iterate, residual and direction (and {@code N x} when tracked, else null). */
    private record Iterate(
            ComplexTensor x, ComplexTensor nx, ComplexTensor r, ComplexTensor p, NDArray rs) {}

    /**
     * One CG iteration: {@code alpha = rs / Re<p, M p>}, {@code x += alpha p}, {@code r -= alpha M
     * p}, {@code p = r + (rs+ / rs) p}. Closes what {@code c} held and the next does not share;
     * with {@code last}, returns only {@code x} (and {@code nx}) and keeps {@code r}, {@code p},
     * {@code rs} for the caller to close.
     */
    private static Iterate advance(
            Function<ComplexTensor, ComplexTensor[]> apply,
            Iterate c,
            int[] axes,
            NDArray tiny,
            boolean last) {
        ComplexTensor xn;
        ComplexTensor nxn = null;
        ComplexTensor rn = null;
        ComplexTensor pn = null;
        NDArray rsn = null;
        try (NDScope scope = new NDScope()) {
            ComplexTensor[] prod = apply.apply(c.p());
            ComplexTensor mp = prod[0];
            // Re <p, M p> per system: on stacked tensors one product and two sums, no re() / im()
            // selections (whose backward nodes each fill a zero tensor of the stacked size)
            NDArray alpha = c.rs().div(c.p().realDot(mp, axes).add(tiny));
            xn = c.x().add(c.p().scale(alpha));
            NDScope.unregister(xn.handles());
            if (c.nx() != null) {
                nxn = c.nx().add(prod[1].scale(alpha));
                NDScope.unregister(nxn.handles());
            }
            if (prod.length > 1) {
                // N p comes from the operator, which hands it to p's manager, not to this scope
                prod[1].close();
            }
            if (!last) {
                rn = c.r().sub(mp.scale(alpha));
                rsn = norm2Squared(rn, axes);
                pn = rn.add(c.p().scale(rsn.div(c.rs().add(tiny))));
                NDScope.unregister(rn.handles());
                NDScope.unregister(pn.handles());
                NDScope.unregister(rsn);
            }
        }
        c.x().close();
        if (c.nx() != null) {
            c.nx().close();
        }
        if (last) {
            return new Iterate(xn, nxn, c.r(), c.p(), c.rs());
        }
        c.r().close();
        c.p().close();
        c.rs().close();
        return new Iterate(xn, nxn, rn, pn, rsn);
    }

    /** {@code sqrt(sum rs / ||b||^2)}, checked finite. */
    private static double relativeResidual(NDArray rs, double bNorm2, int k) {
        double rel;
        try (NDArray total = rs.sum()) {
            rel = Math.sqrt(Scalars.value(total) / bNorm2);
        }
        if (!Double.isFinite(rel)) {
            throw new SolverDivergedException(
                    "CG diverged at iteration " + k + " (residual " + rel + ")", k);
        }
        return rel;
    }

    private static double tiny(DataType dt) {
        return dt == DataType.FLOAT64 ? Double.MIN_NORMAL : Float.MIN_NORMAL;
    }

    // ---- the steppable solver ----

    /**
     * The state of a steppable CG solve from {@code x0 = 0}.
     *
     * @param iteration iterations run
     * @param ws the workspace
     * @param x the iterate
     * @param r the residual {@code b - M x}
     * @param p the search direction
     * @param rs {@code ||r||^2} per system
     * @param bNorm2 {@code ||b||^2}
     * @param residual {@code ||r|| / ||b||} as last read (NaN when not read at this iteration)
     */
    public record State(
            int iteration,
            Workspace ws,
            ComplexTensor x,
            ComplexTensor r,
            ComplexTensor p,
            NDArray rs,
            double bNorm2,
            double residual)
            implements SolverState {}

    /** A builder of a steppable CG solver; {@code setSystem} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Steppable CG: see {@link #builder()}. */
    public static final class Solver extends AbstractSolver<State> {
        private final UnaryOperator<ComplexTensor> system;
        private final int batchDims;

        private Solver(Builder b) {
            super(b);
            this.system = b.system;
            this.batchDims = b.batchDims;
        }

        /** Starts from {@code x0 = 0} for the right-hand side {@code b} (not modified). */
        @Override
        public State setup(ComplexTensor b) {
            return start(b, Workspace.under(b.getManager()));
        }

        /** {@link #setup} in a given workspace; {@code b} must stay alive until {@code finish}. */
        State start(ComplexTensor b, Workspace ws) {
            NDManager m = ws.manager();
            int[] axes = trailingAxes(b.getShape().dimension(), batchDims);
            ComplexTensor r = b.duplicate().attach(m);
            NDArray rs = norm2Squared(r, axes);
            rs.attach(m);
            return new State(
                    0,
                    ws,
                    ComplexTensor.zeros(m, b.getShape(), b.getDataType()),
                    r,
                    r.view(),
                    rs,
                    Scalars.value(b.norm2Squared()),
                    Double.NaN);
        }

        @Override
        public State step(State s) {
            int k = s.iteration() + 1;
            int[] axes = trailingAxes(s.x().getShape().dimension(), batchDims);
            Iterate n;
            try (NDArray tiny = Scalars.constant(s.rs(), tiny(s.x().getDataType()))) {
                n =
                        advance(
                                p -> new ComplexTensor[] {system.apply(p)},
                                new Iterate(s.x(), null, s.r(), s.p(), s.rs()),
                                axes,
                                tiny,
                                false);
            }
            double rel = reads(k) ? relativeResidual(n.rs(), s.bNorm2(), k) : Double.NaN;
            if (listener != null) {
                listener.onIteration(new IterationInfo(k, Double.NaN, rel, Double.NaN, Double.NaN));
            }
            return new State(k, s.ws(), n.x(), n.r(), n.p(), n.rs(), s.bNorm2(), rel);
        }

        /** The relative residual fell below the tolerance. */
        @Override
        boolean converged(State s) {
            return s.residual() < rule.tolerance();
        }

        @Override
        public SolveResult finish(State s, StopReason reason) {
            s.r().close();
            s.p().close();
            s.rs().close();
            return SolveResult.delivered(s.ws(), s.x(), reason, s.iteration(), rule, s.residual());
        }
    }

    /**
     * Builds a steppable {@link Solver}: DJL's convention. Stopping rule by default: 100
     * iterations, 1e-6 on {@code ||r|| / ||b||}, checked every 10; the listener sees the relative
     * residual.
     */
    public static final class Builder extends SolverBuilder<Builder> {
        private UnaryOperator<ComplexTensor> system;
        private int batchDims;

        private Builder() {
            super(StoppingRule.of(100, 1e-6));
        }

        /** The Hermitian positive definite {@code M} (required). */
        public Builder setSystem(UnaryOperator<ComplexTensor> system) {
            this.system = system;
            return this;
        }

        /** Leading axes of {@code b} that index independent systems (default 0). */
        public Builder optBatchDims(int batchDims) {
            this.batchDims = batchDims;
            return this;
        }

        /** Validates and builds. */
        public Solver build() {
            if (system == null || rule == null || batchDims < 0) {
                throw new IllegalArgumentException(
                        "conjugate gradients needs a system, a rule and batchDims >= 0");
            }
            return new Solver(this);
        }
    }

    /** The axes after the first {@code batchDims}, the ones each system's inner products sum. */
    private static int[] trailingAxes(int rank, int batchDims) {
        if (batchDims < 0 || batchDims >= rank) {
            throw new IllegalArgumentException(
                    "batchDims must be in [0, " + (rank - 1) + "], got " + batchDims);
        }
        int[] axes = new int[rank - batchDims];
        for (int k = 0; k < axes.length; k++) {
            axes[k] = batchDims + k;
        }
        return axes;
    }

    /** {@code ||v_i||^2} per system, kept broadcastable against {@code v}. */
    private static NDArray norm2Squared(ComplexTensor v, int[] axes) {
        try (NDArray a2 = v.abs2()) {
            return a2.sum(axes, true);
        }
    }
}
