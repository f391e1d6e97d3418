package org.rfrecon.unrolled;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.solver.XStep;

/**
 * The unrolled network's x-step: a fixed number of conjugate-gradient iterations (Hestenes and
 * Stiefel, 1952) on {@code (A^H A + rho I) x = rhs}, warm-started, for every sample of a batch on
 * its own.
 *
 * <pre>
 *   r = rhs - M x;  p = r;  rs_b = ||r_b||^2                 (b: the sample; M = A^H A + rho I)
 *   repeat:  alpha_b = rs_b / Re&lt;p_b, M p_b&gt;;  x += alpha p;  r -= alpha M p
 *            rs'_b = ||r_b||^2;  p = r + (rs'_b / rs_b) p;  rs = rs'
 * </pre>
 *
 * <p>The step sizes are per sample ({@code (B, 1, ..., 1)}), where the solvers' {@code CgXStep}
 * takes one step size for the whole batch, as if the batch were one block-diagonal system. After a
 * fixed number of iterations the two differ: with a shared step size a sample's reconstruction
 * depends on the other samples of its batch, so a batch split over devices (or a different batch
 * size at inference) would change the result. Here each sample is exactly what CG gives it alone,
 * and on one sample this is {@code CgXStep}'s iteration. No host reads and no data-dependent
 * branch: autograd differentiates through it. A tiny {@code 1e-30} in each denominator keeps a
 * sample with a zero residual at zero instead of 0/0.
 */
public final class PerSampleCgXStep implements XStep {

    private static final double EPS = 1e-30;

    private final LinearOperator op;
    private final int iterations;

    /**
     * @param op the sensing operator {@code A}
     * @param iterations CG iterations per solve
     */
    public PerSampleCgXStep(LinearOperator op, int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException(
                    "CG needs at least one iteration, got " + iterations);
        }
        this.op = op;
        this.iterations = iterations;
    }

    /** Solves the systems of every sample; the result belongs to {@code rhs}'s manager. */
    @Override
    public ComplexTensor solve(ComplexTensor rhs, NDArray rho, ComplexTensor warmStart) {
        int rank = rhs.getShape().dimension();
        int[] axes = new int[op.domainShape().dimension()];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = rank - axes.length + i;
        }
        ComplexTensor x;
        ComplexTensor r;
        if (warmStart == null) {
            x = ComplexTensor.zeros(rhs.getManager(), rhs.getShape(), rhs.getDataType());
            r = rhs.view();
        } else {
            x = warmStart.view();
            try (NDScope scope = new NDScope()) {
                r = rhs.sub(system(x, rho));
                NDScope.unregister(r.re(), r.im());
            }
        }
        ComplexTensor p = r.view();
        NDArray rs;
        try (NDArray r2 = r.abs2()) {
            rs = r2.sum(axes, true);
        }
        for (int k = 0; k < iterations; k++) {
            ComplexTensor xn;
            ComplexTensor rn;
            ComplexTensor pn;
            NDArray rsn;
            try (NDScope scope = new NDScope()) {
                ComplexTensor mp = system(p, rho);
                NDArray pmp = p.re().mul(mp.re()).add(p.im().mul(mp.im())).sum(axes, true);
                NDArray alpha = rs.div(pmp.add(EPS));
                xn = x.add(p.scale(alpha));
                rn = r.sub(mp.scale(alpha));
                rsn = rn.abs2().sum(axes, true);
                pn = rn.add(p.scale(rsn.div(rs.add(EPS))));
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
        }
        r.close();
        p.close();
        rs.close();
        return x;
    }

    /** {@code (A^H A + rho I) v}. */
    private ComplexTensor system(ComplexTensor v, NDArray rho) {
        try (ComplexTensor n = op.normal(v)) {
            return n.add(v.scale(rho));
        }
    }
}
