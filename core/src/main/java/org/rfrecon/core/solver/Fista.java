package org.rfrecon.core.solver;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.prox.Prox;

/**
 * FISTA (Beck and Teboulle, 2009, "A fast iterative shrinkage-thresholding algorithm for linear
 * inverse problems") for {@code minimize 1/2 ||A x - y||^2 + lambda R(x)}, with adaptive restart
 * (O'Donoghue and Candes 2015; {@link Restart}):
 *
 * <pre>
 *   x+ = prox_{lambda R / L}(z - A^H (A z - y) / L)
 *   t+ = (1 + sqrt(1 + 4 t^2)) / 2;   z+ = x+ + ((t - 1) / t+) (x+ - x)
 *   restart (GRADIENT: Re &lt;z - x+, x+ - x&gt; &gt; 0; FUNCTION: F(x+) &gt; F(x)):  t+ = 1, z+ = x+
 * </pre>
 *
 * The step {@code 1/L} needs {@code L >= ||A||^2}: by default {@code L} is the safe bound {@link
 * PowerIteration#upperBound}; a given estimate is used as {@code 1.01 L}. The momentum {@code t}
 * lives on the device, so plain and gradient-restarted FISTA read nothing between checks. One
 * iteration is one normal-operator application (plus one forward with FUNCTION restart).
 *
 * <p><b>Stopping rule:</b> at a check, stop when {@code ||x+ - x|| <= tol ||x+||}; otherwise at the
 * cap. A NaN or infinite step stops with {@link SolverDivergedException}.
 */
public final class Fista extends AbstractSolver<Fista.State> {

    /**
     * FISTA's state.
     *
     * @param iteration iterations run
     * @param ws the workspace
     * @param y the measurements (the caller's)
     * @param aty {@code A^H y}
     * @param x the iterate {@code x_k}
     * @param z the extrapolated point at which the next gradient is taken
     * @param t the momentum parameter, a device scalar
     * @param objective {@code F(x_k)} (FUNCTION restart only, else NaN)
     * @param step {@code ||x_k - x_{k-1}|| / ||x_k||} when read at this iteration, else NaN
     */
    public record State(
            int iteration,
            Workspace ws,
            ComplexTensor y,
            ComplexTensor aty,
            ComplexTensor x,
            ComplexTensor z,
            NDArray t,
            double objective,
            double step)
            implements SolverState {}

    private final LinearOperator op;
    private final Prox regularizer;
    private final double lipschitz;
    private final Restart restart;

    private Fista(Builder b, double lipschitz) {
        super(b);
        this.op = b.op;
        this.regularizer = b.prox;
        this.lipschitz = lipschitz;
        this.restart = b.restart;
    }

    /** A builder; {@code setOperator} and {@code setProx} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The {@code L} of the step {@code 1/L}. */
    public double lipschitz() {
        return lipschitz;
    }

    @Override
    public State setup(ComplexTensor y) {
        Workspace ws = Workspace.under(y.getManager());
        NDManager m = ws.manager();
        ComplexTensor aty = op.adjoint(y).attach(m);
        ComplexTensor x = ComplexTensor.zeros(m, aty.getShape(), aty.getDataType());
        NDArray t = m.create(1.0).toType(aty.getDataType(), false);
        double f = restart == Restart.FUNCTION ? objective(x, y) : Double.NaN;
        return new State(0, ws, y, aty, x, x.duplicate(), t, f, Double.NaN);
    }

    @Override
    public State step(State s) {
        int k = s.iteration() + 1;
        double l = lipschitz;
        ComplexTensor xn;
        ComplexTensor zn;
        NDArray tn;
        NDArray step2;
        try (NDScope scope = new NDScope()) {
            ComplexTensor grad = op.normal(s.z()).sub(s.aty());
            xn = regularizer.prox(s.z().sub(grad.scale(1 / l)), 1 / l);
            ComplexTensor dx = xn.sub(s.x());
            NDArray t = s.t();
            NDArray next = t.mul(t).mul(4).add(1).sqrt().add(1).div(2);
            NDArray beta = t.sub(1).div(next);
            if (restart == Restart.GRADIENT) {
                // restart where Re <z - x+, x+ - x> > 0: momentum off, t back to 1
                NDArray uphill = realInner(s.z().sub(xn), dx).gt(0).toType(t.getDataType(), false);
                NDArray keep = uphill.neg().add(1);
                beta = beta.mul(keep);
                next = next.mul(keep).add(uphill);
            }
            zn = xn.add(dx.scale(beta));
            tn = next;
            step2 = dx.norm2Squared();
            NDScope.unregister(xn.handles());
            NDScope.unregister(zn.handles());
            NDScope.unregister(tn, step2);
        }
        double f = Double.NaN;
        if (restart == Restart.FUNCTION) {
            f = objective(xn, s.y());
            if (f > s.objective()) {
                zn.close();
                zn = xn.duplicate();
                tn.close();
                tn = s.ws().manager().create(1.0).toType(xn.getDataType(), false);
            }
        }
        s.x().close();
        s.z().close();
        s.t().close();
        double step = Double.NaN;
        if (reads(k)) {
            double dn = Math.sqrt(Scalars.value(step2));
            double norm = Math.sqrt(Scalars.value(xn.norm2Squared()));
            if (!Double.isFinite(dn) || !Double.isFinite(norm)) {
                throw new SolverDivergedException("FISTA diverged at iteration " + k, k);
            }
            step = dn / norm;
            if (listener != null) {
                double obj = Double.isNaN(f) ? objective(xn, s.y()) : f;
                listener.onIteration(new IterationInfo(k, obj, step, Double.NaN, Double.NaN));
            }
        }
        step2.close();
        return new State(k, s.ws(), s.y(), s.aty(), xn, zn, tn, f, step);
    }

    /** The relative step met the tolerance. */
    @Override
    boolean converged(State s) {
        return s.step() <= rule.tolerance();
    }

    @Override
    public SolveResult finish(State s, StopReason reason) {
        return SolveResult.delivered(s.ws(), s.x(), reason, s.iteration(), rule, s.step());
    }

    /** The objective {@code 1/2 ||A x - y||^2 + lambda R(x)} (host reads). */
    public double objective(ComplexTensor x, ComplexTensor y) {
        return DataFit.halfSquared(op, x, y) + regularizer.value(x);
    }

    /** {@code Re <a, b>}, a device scalar. */
    private static NDArray realInner(ComplexTensor a, ComplexTensor b) {
        return a.re().mul(b.re()).add(a.im().mul(b.im())).sum();
    }

    /**
     * Builds a {@link Fista}: DJL's convention. Stopping rule by default: 200 iterations, 1e-5 on
     * the relative step, checked every 10; the listener sees the objective and the relative step.
     */
    public static final class Builder extends ProximalSolverBuilder<Builder> {
        private double lipschitz = Double.NaN;
        private Restart restart = Restart.GRADIENT;

        private Builder() {
            super(StoppingRule.of(200, 1e-5));
        }

        /**
         * An estimate of {@code ||A||^2} (the step is {@code 1 / (1.01 L)}); default: the safe
         * bound {@link PowerIteration#upperBound}, computed in {@code build()}.
         */
        public Builder optLipschitz(double lipschitz) {
            this.lipschitz = lipschitz;
            return this;
        }

        /** The restart scheme (default {@link Restart#GRADIENT}). */
        public Builder optRestart(Restart restart) {
            this.restart = restart;
            return this;
        }

        /** Validates and builds; estimates {@code L} if none was given. */
        public Fista build() {
            if (op == null || prox == null || rule == null || restart == null) {
                throw new IllegalArgumentException(
                        "fista needs an operator, a prox, a stopping rule and a restart scheme");
            }
            double l;
            if (Double.isNaN(lipschitz)) {
                Device d = op.device();
                try (NDManager m = NDManager.newBaseManager(d)) {
                    l = PowerIteration.upperBound(op, m);
                }
            } else {
                l = 1.01 * lipschitz;
            }
            if (!(l > 0) || !Double.isFinite(l)) {
                throw new IllegalArgumentException("fista: L must be positive, got " + l);
            }
            return new Fista(this, l);
        }
    }
}
