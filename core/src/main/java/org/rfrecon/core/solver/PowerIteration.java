package org.rfrecon.core.solver;

import ai.djl.ndarray.NDManager;
import java.util.Optional;
import java.util.Random;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.operator.LinearOperator;

/**
 * The largest eigenvalue of {@code A^H A} ({@code ||A||^2}) by power iteration: {@code v <- A^H A v
 * / ||A^H A v||}, estimate {@code ||A^H A v||}. Used for FISTA's step, ADMM's rho and the {@code
 * cg} lambda convention. The estimate converges from below; the stopping rule's measure is its
 * relative change between iterations (read every iteration: the rule's {@code checkEvery} is 1 by
 * default).
 *
 * <p>{@link #upperBound} turns the estimate into a safe bound: with the Rayleigh quotient {@code
 * theta = v^H N v} and residual {@code r = ||N v - theta v||} of the unit iterate, some eigenvalue
 * lies in {@code [theta - r, theta + r]} (Krylov-Bogoliubov; Parlett, "The symmetric eigenvalue
 * problem", Thm. 4.5.1), so once power iteration has found the top eigenvector {@code theta + r >=
 * ||A||^2}; an unconverged iterate only makes {@code r}, and the bound, larger.
 */
public final class PowerIteration extends AbstractSolver<PowerIteration.State> {

    /**
     * Power iteration's state.
     *
     * @param iteration iterations run
     * @param ws the workspace
     * @param v the unit iterate
     * @param estimate {@code ||A^H A v_prev||} (0 at setup)
     * @param change the relative change of the estimate in the last iteration (NaN at setup)
     */
    public record State(
            int iteration, Workspace ws, ComplexTensor v, double estimate, double change)
            implements SolverState {}

    private final LinearOperator op;

    private PowerIteration(Builder b) {
        super(b);
        this.op = b.op;
    }

    /** A builder; {@code setOperator} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts from {@code start} (any non-zero vector of the operator's domain; not modified). */
    @Override
    public State setup(ComplexTensor start) {
        Workspace ws = Workspace.under(start.getManager());
        ComplexTensor v = start.duplicate().attach(ws.manager());
        ComplexTensor unit = v.scale(1 / Math.sqrt(Scalars.value(v.norm2Squared())));
        v.close();
        return new State(0, ws, unit, 0, Double.NaN);
    }

    @Override
    public State step(State s) {
        int k = s.iteration() + 1;
        try (NDManager it = s.ws().manager().newSubManager()) {
            ComplexTensor w = op.normal(s.v().duplicate().attach(it));
            double norm = Math.sqrt(Scalars.value(w.norm2Squared()));
            if (!(norm > 0) || !Double.isFinite(norm)) {
                throw new SolverDivergedException("power iteration: ||A^H A v|| = " + norm, k);
            }
            ComplexTensor next = w.scale(1 / norm).attach(s.ws().manager());
            s.v().close();
            double change = Math.abs(norm - s.estimate()) / norm;
            if (listener != null) {
                listener.onIteration(new IterationInfo(k, norm, change, Double.NaN, Double.NaN));
            }
            return new State(k, s.ws(), next, norm, change);
        }
    }

    /** The relative change of the estimate met the tolerance. */
    @Override
    boolean converged(State s) {
        return s.change() <= rule.tolerance();
    }

    /** The unit eigenvector estimate; the eigenvalue estimate is the last state's. */
    @Override
    public SolveResult finish(State s, StopReason reason) {
        return SolveResult.delivered(s.ws(), s.v(), reason, s.iteration(), rule, s.change());
    }

    /** Runs from a random start drawn from {@code rng}; returns the final state's estimate. */
    private double estimate(NDManager manager, Random rng) {
        try (NDManager m = manager.newSubManager(op.device())) {
            ComplexTensor v0 = ComplexTensor.randomNormal(m, op.domainShape(), op.dataType(), rng);
            State s = setup(v0);
            Optional<StopReason> reason = done(s);
            while (reason.isEmpty()) {
                s = step(s);
                reason = done(s);
            }
            double estimate = s.estimate();
            finish(s, reason.get()).x().close();
            return estimate;
        }
    }

    /** The estimate after at most {@code iterations} iterations (reads a scalar each iteration). */
    public static double largestEigenvalue(
            LinearOperator op, NDManager manager, int iterations, double tolerance, Random rng) {
        return builder()
                .setOperator(op)
                .optStoppingRule(new StoppingRule(iterations, tolerance, 1))
                .build()
                .estimate(manager, rng);
    }

    /** 100 iterations at most, relative tolerance 1e-6, a fixed seed. */
    public static double largestEigenvalue(LinearOperator op, NDManager manager) {
        return largestEigenvalue(op, manager, 100, 1e-6, new Random(7));
    }

    /**
     * A safe upper bound on {@code ||A||^2}: {@code theta + r} (see the class comment) after the
     * default 100-iteration power iteration; one more normal application than {@link
     * #largestEigenvalue(LinearOperator, NDManager)}.
     */
    public static double upperBound(LinearOperator op, NDManager manager) {
        PowerIteration p =
                builder().setOperator(op).optStoppingRule(new StoppingRule(100, 1e-6, 1)).build();
        try (NDManager m = manager.newSubManager(op.device())) {
            ComplexTensor v0 =
                    ComplexTensor.randomNormal(m, op.domainShape(), op.dataType(), new Random(7));
            State s = p.setup(v0);
            while (p.done(s).isEmpty()) {
                s = p.step(s);
            }
            ComplexTensor v = p.finish(s, StopReason.ITERATION_CAP).x();
            ComplexTensor nv = op.normal(v).attach(m);
            double theta = Scalars.value(v.inner(nv).re());
            double r = Math.sqrt(Scalars.value(nv.sub(v.scale(theta)).norm2Squared()));
            return Math.max(s.estimate(), theta + r);
        }
    }

    /**
     * Builds a {@link PowerIteration}: DJL's convention. Stopping rule by default: 100 iterations,
     * 1e-6 on the relative change of the estimate, checked every iteration; the listener sees the
     * estimate and its relative change.
     */
    public static final class Builder extends OperatorSolverBuilder<Builder> {
        private Builder() {
            super(new StoppingRule(100, 1e-6, 1));
        }

        /** Validates and builds. */
        public PowerIteration build() {
            if (op == null || rule == null) {
                throw new IllegalArgumentException("power iteration needs an operator and a rule");
            }
            return new PowerIteration(this);
        }
    }
}
