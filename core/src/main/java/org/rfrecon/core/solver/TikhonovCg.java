package org.rfrecon.core.solver;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.operator.LinearOperator;

/**
 * The {@code cg} method of SPEC §4: {@code minimize 1/2 ||A x - y||^2 + lambda/2 ||x||^2}, solved
 * by conjugate gradients on the normal equations {@code (A^H A + lambda I) x = A^H y}. Stops when
 * the relative residual falls below the rule's tolerance, or at its cap.
 */
public final class TikhonovCg {

    private final LinearOperator op;
    private final double lambda;
    private final StoppingRule rule;
    private final IterationListener listener;

    /**
     * @param op the sensing operator
     * @param lambda the absolute Tikhonov weight ({@code >= 0})
     * @param rule iterations and tolerance
     * @param listener per-iteration figures, or {@code null}
     */
    public TikhonovCg(
            LinearOperator op, double lambda, StoppingRule rule, IterationListener listener) {
        if (!(lambda >= 0)) {
            throw new IllegalArgumentException("cg: lambda must be >= 0, got " + lambda);
        }
        this.op = op;
        this.lambda = lambda;
        this.rule = rule;
        this.listener = listener;
    }

    /** Solves for measurements {@code y}; the result belongs to {@code y}'s manager. */
    public ComplexTensor solve(ComplexTensor y) {
        NDManager owner = y.getManager();
        try (NDManager m = owner.newSubManager()) {
            ComplexTensor b = op.adjoint(y).attach(m);
            NDArray lam = m.create(lambda).toType(y.getDataType(), false);
            ComplexTensor x =
                    ConjugateGradients.solve(
                            v -> {
                                try (ComplexTensor n = op.normal(v)) {
                                    return n.add(v.scale(lam));
                                }
                            },
                            b,
                            null,
                            rule,
                            listener);
            return x.attach(owner);
        }
    }

    /** The objective {@code 1/2 ||A x - y||^2 + lambda/2 ||x||^2} (one host read). */
    public double objective(ComplexTensor x, ComplexTensor y) {
        try (NDManager m = y.getManager().newSubManager()) {
            ComplexTensor ax = op.forward(x).attach(m);
            double fit = Scalars.value(ax.sub(y).norm2Squared());
            return 0.5 * fit + 0.5 * lambda * Scalars.value(x.norm2Squared());
        }
    }
}
