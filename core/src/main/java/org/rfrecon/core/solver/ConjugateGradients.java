package org.rfrecon.core.solver;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import java.util.function.UnaryOperator;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;

/**
 * Conjugate gradients for a Hermitian positive definite system {@code M x = b} given as a function
 * (Hestenes and Stiefel, 1952). One iteration is one application of {@code M}.
 *
 * <p>A batch of independent systems (leading {@code batchDims} axes of {@code b}, for example the
 * samples of an unrolled network's mini-batch) is solved with one step length and one direction
 * update per system: the inner products reduce over the trailing axes only, so each sample's
 * solution is the one it would get alone, whatever else is in the batch. All scalars stay on the
 * device; the relative residual {@code ||b - M x|| / ||b||} is read only at the stopping rule's
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
        int[] axes = trailingAxes(b.getShape().dimension(), batchDims);
        // Added to the denominators of the step length and the direction update, so that a
        // system whose residual is exactly zero (a zero right-hand side in a batch, say) keeps
        // x and gets alpha = beta = 0 instead of 0/0; it is below any residual that matters.
        double tiny = b.getDataType() == DataType.FLOAT64 ? Double.MIN_NORMAL : Float.MIN_NORMAL;
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
        NDArray rs = norm2Squared(r, axes);
        double bNorm2 =
                rule.tolerance() > 0 || listener != null ? Scalars.value(b.norm2Squared()) : 1;
        for (int k = 1; k <= rule.maxIterations(); k++) {
            ComplexTensor xn;
            ComplexTensor rn;
            ComplexTensor pn;
            NDArray rsn;
            try (NDScope scope = new NDScope()) {
                ComplexTensor mp = m.apply(p);
                NDArray alpha = rs.div(innerRe(p, mp, axes).add(tiny));
                xn = x.add(p.scale(alpha));
                rn = r.sub(mp.scale(alpha));
                rsn = norm2Squared(rn, axes);
                pn = rn.add(p.scale(rsn.div(rs.add(tiny))));
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
                double rel;
                try (NDArray total = rs.sum()) {
                    rel = Math.sqrt(Scalars.value(total) / bNorm2);
                }
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

    /** {@code Re <p_i, q_i>} per system, kept broadcastable against {@code p}. */
    private static NDArray innerRe(ComplexTensor p, ComplexTensor q, int[] axes) {
        try (NDArray rr = p.re().mul(q.re());
                NDArray ii = p.im().mul(q.im());
                NDArray s = rr.add(ii)) {
            return s.sum(axes, true);
        }
    }
}
