package org.rfrecon.core.solver;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.function.UnaryOperator;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;

/**
 * Conjugate gradients for a Hermitian positive definite system {@code M x = b} given as a function
 * (Hestenes and Stiefel, 1952). One iteration is one application of {@code M}. All scalars stay on
 * the device; the relative residual {@code ||b - M x|| / ||b||} is read only at the stopping rule's
 * checks. Each iteration runs in an {@link NDScope}, so only the current iterate, residual and
 * direction stay alive.
 */
public final class ConjugateGradients {

    private ConjugateGradients() {}

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
        ComplexTensor x;
        ComplexTensor r;
        if (x0 == null) {
            x = ComplexTensor.zeros(b.getManager(), b.getShape(), b.getDataType());
            r = b.view();
        } else {
            x = x0.view();
            try (NDScope scope = new NDScope()) {
                r = b.sub(m.apply(x));
                NDScope.unregister(r.re(), r.im());
            }
        }
        ComplexTensor p = r.view();
        NDArray rs = r.norm2Squared();
        double bNorm2 =
                rule.tolerance() > 0 || listener != null ? Scalars.value(b.norm2Squared()) : 1;
        for (int k = 1; k <= rule.maxIterations(); k++) {
            ComplexTensor xn;
            ComplexTensor rn;
            ComplexTensor pn;
            NDArray rsn;
            try (NDScope scope = new NDScope()) {
                ComplexTensor mp = m.apply(p);
                NDArray alpha = rs.div(p.inner(mp).re());
                xn = x.add(p.scale(alpha));
                rn = r.sub(mp.scale(alpha));
                rsn = rn.norm2Squared();
                pn = rn.add(p.scale(rsn.div(rs)));
                NDScope.unregister(xn.re(), xn.im(), rn.re(), rn.im(), pn.re(), pn.im(), rsn);
            }
            x.close();
            r.close();
            p.close();
            rs.close();
            x = xn;
            r = rn;
            p = pn;
            rs = rsn;
            if (rule.checksAt(k) || listener != null) {
                double rel = Math.sqrt(Scalars.value(rs) / bNorm2);
                if (!Double.isFinite(rel)) {
                    throw new SolverDivergedException(
                            "CG diverged at iteration " + k + " (residual " + rel + ")");
                }
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
        return x;
    }
}
