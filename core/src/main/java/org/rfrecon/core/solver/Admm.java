package org.rfrecon.core.solver;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.prox.Prox;
import org.rfrecon.core.script.TorchScriptProgram;

/**
 * ADMM for {@code minimize 1/2 ||A x - y||^2 + lambda R(x)} (SPEC §4), iterating {@link AdmmStep}
 * with {@code eta = 1} from zero iterates.
 *
 * <p><b>Stopping rule</b> (Boyd et al. 2011, §3.3, relative form): at each check, stop when the
 * primal residual {@code ||x - z|| <= tol max(||x||, ||z||)} and the dual residual {@code rho ||z -
 * z_prev|| <= tol rho ||u||}; otherwise at the iteration cap. <b>Residual balancing</b> ({@link
 * Balancing}, off by default) adapts {@code rho} on its own schedule, with {@code u} rescaled. A
 * NaN or infinite residual stops the solver with a {@link SolverDivergedException}.
 *
 * <p><b>Cost.</b> With a {@link CgXStep} the solver carries {@code A^H A x} from each x-step to the
 * next ({@link CgXStep#solveShifted}), so an iteration applies the normal operator once per CG
 * iteration: 200 iterations at one CG iteration make 401 operator evaluations (with {@code A^H y}).
 * The carried product is updated by CG's recurrence, so its rounding accumulates; it can be
 * recomputed from {@code x} every {@code normalRefresh} iterations (off by default: on tiny in
 * float32 carrying and recomputing gave the same objective after 5,000 iterations,
 * docs/solvers.md). Residuals are computed only at the stopping rule's checks, at balancing, at the
 * cap, or for a listener.
 */
public final class Admm extends AbstractSolver<Admm.State> {

    /** Default interval of the carried normal product's recomputation. */
    public static final int DEFAULT_NORMAL_REFRESH = 0;

    /**
     * ADMM's state.
     *
     * @param iteration iterations run
     * @param ws the workspace
     * @param y the measurements (the caller's)
     * @param aty {@code A^H y}
     * @param iterates {@code x}, {@code z}, {@code u}
     * @param normalX {@code A^H A x} carried by a CG x-step, or null
     * @param rho the penalty
     * @param rhoArr {@code rho} as a device scalar
     * @param eta the dual step (1), a device scalar
     * @param primal {@code ||x - z||} when read at this iteration, else NaN
     * @param dual {@code rho ||z - z_prev||} when read at this iteration, else NaN
     * @param converged whether the stopping rule's tolerance was met at this iteration's check
     */
    public record State(
            int iteration,
            Workspace ws,
            ComplexTensor y,
            ComplexTensor aty,
            AdmmState iterates,
            ComplexTensor normalX,
            double rho,
            NDArray rhoArr,
            NDArray eta,
            double primal,
            double dual,
            boolean converged)
            implements SolverState {}

    private final LinearOperator op;
    private final Prox regularizer;
    private final double rho0;
    private final Balancing balancing;
    private final XStep xStep;
    private final int normalRefresh;
    private final AdmmProgram program; // null: the Java loop only

    private Admm(Builder b, double rho) {
        super(b);
        this.op = b.op;
        this.regularizer = b.prox;
        this.rho0 = rho;
        this.balancing = b.balancing;
        this.xStep = b.xStep != null ? b.xStep : new CgXStep(op, StoppingRule.fixed(10));
        this.normalRefresh = b.normalRefresh;
        this.program =
                b.compiled && TorchScriptProgram.enabled()
                        ? AdmmProgram.of(op, regularizer, xStep).orElse(null)
                        : null;
    }

    /** Whether {@link #run} runs its iterations as a compiled program where it can. */
    public boolean compiled() {
        return program != null;
    }

    /**
     * {@code setup}, iterations until {@code done}, {@code finish}, as the contract says; where the
     * solver has a compiled program ({@link Builder#optCompiled}) and the solve is one float32
     * scene with autograd off, each run of iterations between two host reads (the stopping rule's
     * checks, balancing, refreshes of the carried product, the cap) is one native call of {@link
     * AdmmProgram} instead of a Java loop of about 60 tensor calls an iteration. The states at the
     * reads are those of {@link #step}, up to float32 rounding.
     */
    @Override
    public SolveResult run(ComplexTensor y) {
        State s = setup(y);
        boolean fast = program != null && program.applies(s.aty());
        java.util.Optional<StopReason> reason = done(s);
        while (reason.isEmpty()) {
            int k = s.iteration() + 1;
            s = fast && !refreshes(k) ? steps(s, lastOfRun(k)) : step(s);
            reason = done(s);
        }
        return finish(s, reason.get());
    }

    /**
     * The last iteration of the run from {@code k}: the first that reads or balances, the one
     * before the next refresh, or the cap.
     */
    private int lastOfRun(int k) {
        int last = k;
        while (last < rule.maxIterations()
                && !reads(last)
                && !balancing.actsAt(last)
                && !refreshes(last + 1)) {
            last++;
        }
        return last;
    }

    /** Iterations {@code s.iteration() + 1} to {@code last} in one call of the program. */
    private State steps(State s, int last) {
        int k = s.iteration() + 1;
        boolean reads = reads(last) || balancing.actsAt(last);
        AdmmProgram.Run run =
                program.run(
                        s.aty(),
                        s.iterates(),
                        s.normalX(),
                        s.rho(),
                        1.0,
                        last - k + 1,
                        s.ws().manager());
        Iterated it = Iterated.of(run.iterates(), run.normalX(), run.previousZ(), reads);
        run.previousZ().close();
        s.iterates().close();
        s.normalX().close();
        return balance(withResiduals(s, last, it, reads));
    }

    /** A builder; {@code setOperator} and {@code setProx} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The initial penalty. */
    public double rho() {
        return rho0;
    }

    @Override
    public State setup(ComplexTensor y) {
        Workspace ws = Workspace.under(y.getManager());
        NDManager m = ws.manager();
        ComplexTensor aty = op.adjoint(y).attach(m);
        // one zero scene for every initial iterate: views of it, so that each can be closed on
        // its own (tensors are values, nothing writes into them); on volume-3d-large each copy
        // would be 134 MB held through the first run of iterations
        ComplexTensor zeros = ComplexTensor.zeros(m, aty.getShape(), aty.getDataType());
        AdmmState zero = new AdmmState(zeros, zeros.view().attach(m), zeros.view().attach(m));
        NDArray eta = m.create(1.0).toType(y.getDataType(), false);
        // a host scalar on a GPU costs a stream synchronisation: one per value of rho
        NDArray rhoArr = m.create(rho0).toType(y.getDataType(), false);
        ComplexTensor nx = xStep instanceof CgXStep ? zeros.view().attach(m) : null;
        return new State(0, ws, y, aty, zero, nx, rho0, rhoArr, eta, Double.NaN, Double.NaN, false);
    }

    @Override
    public State step(State s) {
        int k = s.iteration() + 1;
        boolean reads = reads(k) || balancing.actsAt(k);
        Iterated it = iterate(s, k, reads);
        State next = withResiduals(s, k, it, reads);
        return balance(next);
    }

    /** The step's new iterates and carried product, with squared residuals when asked. */
    private record Iterated(
            AdmmState iterates, ComplexTensor normalX, NDArray primal2, NDArray dual2) {

        /**
         * {@code next} with, when {@code reads}, {@code ||x - z||^2} and {@code ||z -
         * previousZ||^2} (the primal and dual residuals before their scaling).
         */
        static Iterated of(
                AdmmState next, ComplexTensor normalX, ComplexTensor previousZ, boolean reads) {
            if (!reads) {
                return new Iterated(next, normalX, null, null);
            }
            try (NDScope scope = new NDScope()) {
                NDArray primal2 = next.x().sub(next.z()).norm2Squared();
                NDArray dual2 = next.z().sub(previousZ).norm2Squared();
                NDScope.unregister(primal2, dual2);
                return new Iterated(next, normalX, primal2, dual2);
            }
        }
    }

    /** One {@link AdmmStep} in a scope; closes the previous iterates. */
    private Iterated iterate(State s, int k, boolean reads) {
        final double gamma = 1 / s.rho();
        CarriedXStep carried =
                xStep instanceof CgXStep cg
                        ? new CarriedXStep(cg, s.iterates().x(), refreshes(k) ? null : s.normalX())
                        : null;
        AdmmState next;
        try (NDScope scope = new NDScope()) {
            next =
                    AdmmStep.apply(
                            s.aty(),
                            s.iterates(),
                            carried != null ? carried : xStep,
                            (v, r) -> regularizer.prox(v, gamma),
                            s.rhoArr(),
                            s.eta());
            NDScope.unregister(next.x().handles());
            NDScope.unregister(next.z().handles());
            NDScope.unregister(next.u().handles());
        }
        Iterated it =
                Iterated.of(
                        next, carried != null ? carried.normalX : null, s.iterates().z(), reads);
        s.iterates().close();
        if (s.normalX() != null) {
            s.normalX().close();
        }
        return it;
    }

    /** Whether iteration {@code k} recomputes {@code A^H A x} instead of using the carried one. */
    private boolean refreshes(int k) {
        return normalRefresh > 0 && k > 1 && (k - 1) % normalRefresh == 0;
    }

    /**
     * Reads the residuals (when asked), checks divergence and the tolerance, calls the listener.
     */
    private State withResiduals(State s, int k, Iterated it, boolean reads) {
        double r = Double.NaN;
        double d = Double.NaN;
        boolean converged = false;
        if (reads) {
            r = Math.sqrt(Scalars.value(it.primal2()));
            d = s.rho() * Math.sqrt(Scalars.value(it.dual2()));
            it.primal2().close();
            it.dual2().close();
            if (!Double.isFinite(r) || !Double.isFinite(d)) {
                throw new SolverDivergedException(
                        "ADMM diverged at iteration " + k + "; try a larger rho or lambda", k);
            }
            AdmmState a = it.iterates();
            if (listener != null) {
                listener.onIteration(new IterationInfo(k, objective(a.z(), s.y()), r, d, s.rho()));
            }
            if (rule.checksAt(k)) {
                double xn = norm(a.x());
                double zn = norm(a.z());
                double un = norm(a.u());
                converged =
                        r <= rule.tolerance() * Math.max(xn, zn)
                                && d <= rule.tolerance() * s.rho() * un;
            }
        }
        return new State(
                k,
                s.ws(),
                s.y(),
                s.aty(),
                it.iterates(),
                it.normalX(),
                s.rho(),
                s.rhoArr(),
                s.eta(),
                r,
                d,
                converged);
    }

    /** Residual balancing at its schedule (not once converged): rho times or over tau. */
    private State balance(State s) {
        if (s.converged() || !balancing.actsAt(s.iteration())) {
            return s;
        }
        double f = balancing.factor(s.primal(), s.dual());
        if (f == 1) {
            return s;
        }
        double rho = s.rho() * f;
        s.rhoArr().close();
        NDArray rhoArr = s.ws().manager().create(rho).toType(s.y().getDataType(), false);
        AdmmState a = s.iterates();
        ComplexTensor u = a.u().scale(1 / f);
        a.u().close();
        return new State(
                s.iteration(),
                s.ws(),
                s.y(),
                s.aty(),
                new AdmmState(a.x(), a.z(), u),
                s.normalX(),
                rho,
                rhoArr,
                s.eta(),
                s.primal(),
                s.dual(),
                false);
    }

    /** Both residuals met the tolerance at the state's check. */
    @Override
    boolean converged(State s) {
        return s.converged();
    }

    /** Returns {@code z}. */
    @Override
    public SolveResult finish(State s, StopReason reason) {
        ComplexTensor z = s.iterates().z().duplicate();
        s.iterates().close();
        return new SolveResult(
                s.ws().deliver(z),
                reason,
                s.iteration(),
                rule.maxIterations(),
                s.primal(),
                s.dual());
    }

    private static double norm(ComplexTensor v) {
        return Math.sqrt(Scalars.value(v.norm2Squared()));
    }

    /**
     * The CG x-step of one iteration given {@code A^H A} of its warm start ({@link
     * CgXStep#solveShifted}); keeps the solution's normal product for the next iteration.
     */
    private static final class CarriedXStep implements XStep {
        private final CgXStep cg;
        private final ComplexTensor lastX;
        private final ComplexTensor lastNormal;
        private ComplexTensor normalX;

        /** {@code lastNormal} is {@code A^H A lastX}, or null to compute it. */
        CarriedXStep(CgXStep cg, ComplexTensor lastX, ComplexTensor lastNormal) {
            this.cg = cg;
            this.lastX = lastX;
            this.lastNormal = lastNormal;
        }

        @Override
        public ComplexTensor solve(ComplexTensor rhs, NDArray rho, ComplexTensor warmStart) {
            ComplexTensor known = warmStart != null && warmStart == lastX ? lastNormal : null;
            ConjugateGradients.Shifted r = cg.solveShifted(rhs, rho, warmStart, known);
            NDScope.unregister(r.normalX().handles());
            normalX = r.normalX();
            return r.x();
        }
    }

    /** The objective {@code 1/2 ||A x - y||^2 + lambda R(x)} (host reads). */
    public double objective(ComplexTensor x, ComplexTensor y) {
        return DataFit.halfSquared(op, x, y) + regularizer.value(x);
    }

    /**
     * Builds an {@link Admm}: DJL's convention. Stopping rule by default: 200 iterations, 1e-5 on
     * the primal and dual residuals (relative to the iterates), checked every 10; the listener sees
     * objective, residuals and rho.
     */
    public static final class Builder extends ProximalSolverBuilder<Builder> {
        private double rho = Double.NaN;
        private RhoRule rhoRule = SolverDefaults.ADMM_RHO;
        private double largestEigenvalue = Double.NaN;
        private Balancing balancing = Balancing.OFF;
        private XStep xStep;
        private int normalRefresh = DEFAULT_NORMAL_REFRESH;
        private boolean compiled = true;

        private Builder() {
            super(StoppingRule.of(200, 1e-5));
        }

        /** The initial penalty, absolute (optional; overrides {@link #optRhoRule}). */
        public Builder optRho(double rho) {
            this.rho = rho;
            return this;
        }

        /**
         * The initial penalty as a multiple of {@code ||A||^2} (default {@link SolverDefaults}).
         */
        public Builder optRhoRule(RhoRule rule) {
            this.rhoRule = rule;
            return this;
        }

        /** {@code ||A||^2} for the rho rule (default: power iteration in {@code build()}). */
        public Builder optLargestEigenvalue(double largestEigenvalue) {
            this.largestEigenvalue = largestEigenvalue;
            return this;
        }

        /** Residual balancing (default {@link Balancing#OFF}). */
        public Builder optBalancing(Balancing balancing) {
            this.balancing = balancing;
            return this;
        }

        /** The x-step solver (default: 10 fixed CG iterations, warm-started). */
        public Builder optXStep(XStep xStep) {
            this.xStep = xStep;
            return this;
        }

        /**
         * How often a CG x-step's carried {@code A^H A x} is recomputed (default {@value
         * #DEFAULT_NORMAL_REFRESH}: never, one normal application an iteration fewer).
         */
        public Builder optNormalRefresh(int every) {
            this.normalRefresh = every;
            return this;
        }

        /**
         * Whether {@link Admm#run} may run its iterations as one compiled TorchScript program
         * (default true). It does where the operator has a {@link LinearOperator#normalProgram},
         * the regulariser a {@link Prox#program} and the x-step is a fixed-iteration {@link
         * CgXStep}: today the float32 volume operator with a shared range factor or the float32 2D
         * Kronecker operator, with the soft threshold. False keeps the Java loop (for comparisons).
         */
        public Builder optCompiled(boolean compiled) {
            this.compiled = compiled;
            return this;
        }

        /** Validates and builds. */
        public Admm build() {
            if (op == null || prox == null || rule == null || balancing == null) {
                throw new IllegalArgumentException(
                        "admm needs an operator, a prox, a stopping rule and a balancing");
            }
            if (normalRefresh < 0) {
                throw new IllegalArgumentException(
                        "admm: normalRefresh must be >= 0, got " + normalRefresh);
            }
            double r = rho;
            if (Double.isNaN(r)) {
                double l = largestEigenvalue;
                if (Double.isNaN(l)) {
                    try (NDManager m = NDManager.newBaseManager(op.device())) {
                        l = PowerIteration.largestEigenvalue(op, m);
                    }
                }
                r = rhoRule.absolute(l);
            }
            if (!(r > 0) || !Double.isFinite(r)) {
                throw new IllegalArgumentException("admm: rho must be positive, got " + r);
            }
            return new Admm(this, r);
        }
    }
}
