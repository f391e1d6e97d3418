package org.rfrecon.core.solver;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.prox.Prox;

/**
 * ADMM for {@code minimize 1/2 ||A x - y||^2 + lambda R(x)} (SPEC §4), iterating {@link AdmmStep}
 * with {@code eta = 1} from zero iterates.
 *
 * <p><b>Stopping rule</b> (Boyd et al. 2011, §3.3, relative form): at each check, stop when the
 * primal residual {@code ||x - z|| <= tol max(||x||, ||z||)} and the dual residual {@code rho ||z -
 * z_prev|| <= tol rho ||u||}; otherwise at the iteration cap (default 200). <b>Residual
 * balancing</b> (optional, §3.4.1): at each check, {@code rho} is doubled when the primal residual
 * exceeds ten times the dual one and halved in the opposite case, with {@code u} rescaled. A NaN or
 * infinite residual stops the solver with a {@link SolverDivergedException}.
 *
 * <p><b>Cost.</b> With a {@link CgXStep} the solver carries {@code A^H A x} from each x-step to the
 * next ({@link CgXStep#solveShifted}), so an iteration applies the normal operator once per CG
 * iteration: 200 iterations at one CG iteration make 401 operator evaluations (with {@code A^H y}).
 * Residuals are computed only at the stopping rule's checks or for a listener.
 */
public final class Admm {

    private final LinearOperator op;
    private final Prox regularizer;
    private final double rho0;
    private final boolean balance;
    private final XStep xStep;
    private final StoppingRule rule;
    private final IterationListener listener;

    /**
     * @param op the sensing operator
     * @param regularizer the prox of {@code lambda R} (its lambda is absolute)
     * @param rho the initial penalty
     * @param balance whether to balance residuals by adapting {@code rho}
     * @param xStep the x-step solver (CG or exact Kronecker)
     * @param rule the iteration cap, tolerance and check interval
     * @param listener per-iteration figures, or {@code null}
     */
    public Admm(
            LinearOperator op,
            Prox regularizer,
            double rho,
            boolean balance,
            XStep xStep,
            StoppingRule rule,
            IterationListener listener) {
        if (!(rho > 0)) {
            throw new IllegalArgumentException("admm: rho must be positive, got " + rho);
        }
        this.op = op;
        this.regularizer = regularizer;
        this.rho0 = rho;
        this.balance = balance;
        this.xStep = xStep;
        this.rule = rule;
        this.listener = listener;
    }

    /** Solves for measurements {@code y}; returns {@code z}, owned by {@code y}'s manager. */
    public ComplexTensor solve(ComplexTensor y) {
        NDManager owner = y.getManager();
        try (NDManager m = owner.newSubManager()) {
            ComplexTensor aty = op.adjoint(y).attach(m);
            AdmmState s =
                    new AdmmState(
                            ComplexTensor.zeros(m, aty.getShape(), aty.getDataType()),
                            ComplexTensor.zeros(m, aty.getShape(), aty.getDataType()),
                            ComplexTensor.zeros(m, aty.getShape(), aty.getDataType()));
            NDArray eta = m.create(1.0).toType(y.getDataType(), false);
            double rho = rho0;
            // a host scalar on a GPU costs a stream synchronisation: one per value of rho
            NDArray rhoArr = m.create(rho).toType(y.getDataType(), false);
            XStep step = xStep instanceof CgXStep cg ? new CarriedXStep(cg, s.x()) : xStep;
            for (int k = 1; k <= rule.maxIterations(); k++) {
                final double gamma = 1 / rho;
                boolean check = rule.checksAt(k);
                boolean reads = check || listener != null;
                AdmmState next;
                NDArray primal2 = null;
                NDArray dual2 = null;
                try (NDScope scope = new NDScope()) {
                    next =
                            AdmmStep.apply(
                                    aty,
                                    s,
                                    step,
                                    (v, r) -> regularizer.prox(v, gamma),
                                    rhoArr,
                                    eta);
                    NDScope.unregister(next.x().handles());
                    NDScope.unregister(next.z().handles());
                    NDScope.unregister(next.u().handles());
                    if (reads) {
                        primal2 = next.x().sub(next.z()).norm2Squared();
                        dual2 = next.z().sub(s.z()).norm2Squared();
                        NDScope.unregister(primal2, dual2);
                    }
                }
                s.close();
                s = next;
                if (reads) {
                    double r = Math.sqrt(Scalars.value(primal2));
                    double d = rho * Math.sqrt(Scalars.value(dual2));
                    if (!Double.isFinite(r) || !Double.isFinite(d)) {
                        throw new SolverDivergedException(
                                "ADMM diverged at iteration " + k + "; try a larger rho or lambda");
                    }
                    if (listener != null) {
                        listener.onIteration(new IterationInfo(k, objective(s.z(), y), r, d, rho));
                    }
                    if (check) {
                        double xn = Math.sqrt(Scalars.value(s.x().norm2Squared()));
                        double zn = Math.sqrt(Scalars.value(s.z().norm2Squared()));
                        double un = Math.sqrt(Scalars.value(s.u().norm2Squared()));
                        if (r <= rule.tolerance() * Math.max(xn, zn)
                                && d <= rule.tolerance() * rho * un) {
                            primal2.close();
                            dual2.close();
                            break;
                        }
                        if (balance && (r > 10 * d || d > 10 * r)) {
                            double f = r > 10 * d ? 2 : 0.5;
                            rho *= f;
                            rhoArr.close();
                            rhoArr = m.create(rho).toType(y.getDataType(), false);
                            ComplexTensor u = s.u().scale(1 / f);
                            s.u().close();
                            s = new AdmmState(s.x(), s.z(), u);
                        }
                    }
                    primal2.close();
                    dual2.close();
                }
            }
            if (step instanceof CarriedXStep c) {
                c.close();
            }
            ComplexTensor z = s.z().duplicate().attach(owner);
            s.close();
            return z;
        }
    }

    /**
     * The CG x-step carrying {@code A^H A x} from the x-step that produced {@code x} to the next
     * one warm-started from it ({@link CgXStep#solveShifted}): one normal application per CG
     * iteration.
     */
    private static final class CarriedXStep implements XStep, AutoCloseable {
        private final CgXStep cg;
        private ComplexTensor lastX;
        private ComplexTensor lastNormal;

        /** Starts from {@code x0 = 0}, whose normal product is known without an evaluation. */
        CarriedXStep(CgXStep cg, ComplexTensor zeroStart) {
            this.cg = cg;
            this.lastX = zeroStart;
            this.lastNormal =
                    ComplexTensor.zeros(
                            zeroStart.getManager(), zeroStart.getShape(), zeroStart.getDataType());
        }

        @Override
        public ComplexTensor solve(ComplexTensor rhs, NDArray rho, ComplexTensor warmStart) {
            ComplexTensor known = warmStart != null && warmStart == lastX ? lastNormal : null;
            ConjugateGradients.Shifted r = cg.solveShifted(rhs, rho, warmStart, known);
            NDScope.unregister(r.normalX().handles());
            close();
            lastX = r.x();
            lastNormal = r.normalX();
            return r.x();
        }

        @Override
        public void close() {
            if (lastNormal != null) {
                lastNormal.close();
                lastNormal = null;
            }
            lastX = null;
        }
    }

    /** The objective {@code 1/2 ||A x - y||^2 + lambda R(x)} (host reads). */
    public double objective(ComplexTensor x, ComplexTensor y) {
        try (NDManager m = y.getManager().newSubManager()) {
            ComplexTensor ax = op.forward(x).attach(m);
            return 0.5 * Scalars.value(ax.sub(y).norm2Squared()) + regularizer.value(x);
        }
    }
}
