package org.rfrecon.core.solver;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.prox.Prox;

/**
 * FISTA (Beck and Teboulle, 2009, "A fast iterative shrinkage-thresholding algorithm for linear
 * inverse problems") for {@code minimize 1/2 ||A x - y||^2 + lambda R(x)}:
 *
 * <pre>
 *   x+ = prox_{lambda R / L}(z - A^H (A z - y) / L)
 *   t+ = (1 + sqrt(1 + 4 t^2)) / 2;   z+ = x+ + ((t - 1) / t+) (x+ - x)
 * </pre>
 *
 * with {@code L = ||A||^2} from {@link PowerIteration} (times 1.01 for safety). One iteration is
 * one forward and one adjoint. Stops when {@code ||x+ - x|| <= tol ||x+||} at a check, or at the
 * cap.
 */
public final class Fista {

    private final LinearOperator op;
    private final Prox regularizer;
    private final double lipschitz;
    private final StoppingRule rule;
    private final IterationListener listener;

    /**
     * @param op the sensing operator
     * @param regularizer the prox of {@code lambda R} (its lambda is absolute)
     * @param lipschitz {@code ||A||^2}, or NaN to estimate it by power iteration
     * @param rule the iteration cap, tolerance and check interval
     * @param listener per-iteration figures, or {@code null}
     */
    public Fista(
            LinearOperator op,
            Prox regularizer,
            double lipschitz,
            StoppingRule rule,
            IterationListener listener) {
        this.op = op;
        this.regularizer = regularizer;
        this.lipschitz = lipschitz;
        this.rule = rule;
        this.listener = listener;
    }

    /** Solves for measurements {@code y}; owned by {@code y}'s manager. */
    public ComplexTensor solve(ComplexTensor y) {
        NDManager owner = y.getManager();
        try (NDManager m = owner.newSubManager()) {
            double l =
                    1.01
                            * (Double.isNaN(lipschitz)
                                    ? PowerIteration.largestEigenvalue(op, m)
                                    : lipschitz);
            ComplexTensor aty = op.adjoint(y).attach(m);
            ComplexTensor x = ComplexTensor.zeros(m, aty.getShape(), aty.getDataType());
            ComplexTensor z = x.duplicate();
            double t = 1;
            for (int k = 1; k <= rule.maxIterations(); k++) {
                double tn = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
                ComplexTensor xn;
                ComplexTensor zn;
                NDArray step2;
                try (NDScope scope = new NDScope()) {
                    ComplexTensor grad = op.normal(z).sub(aty);
                    xn = regularizer.prox(z.sub(grad.scale(1 / l)), 1 / l);
                    ComplexTensor dx = xn.sub(x);
                    zn = xn.add(dx.scale((t - 1) / tn));
                    step2 = dx.norm2Squared();
                    NDScope.unregister(xn.handles());
                    NDScope.unregister(zn.handles());
                    NDScope.unregister(step2);
                }
                x.close();
                z.close();
                x = xn;
                z = zn;
                t = tn;
                if (rule.checksAt(k) || listener != null) {
                    double step = Math.sqrt(Scalars.value(step2));
                    double norm = Math.sqrt(Scalars.value(x.norm2Squared()));
                    if (!Double.isFinite(step) || !Double.isFinite(norm)) {
                        throw new SolverDivergedException("FISTA diverged at iteration " + k);
                    }
                    if (listener != null) {
                        listener.onIteration(
                                new IterationInfo(
                                        k, objective(x, y), step, Double.NaN, Double.NaN));
                    }
                    if (rule.checksAt(k) && step <= rule.tolerance() * norm) {
                        step2.close();
                        break;
                    }
                }
                step2.close();
            }
            z.close();
            return x.attach(owner);
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
