package org.rfrecon.core.solver;

import ai.djl.ndarray.NDManager;
import java.util.Optional;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.operator.LinearOperator;

/**
 * The {@code cg} method of SPEC §4: {@code minimize 1/2 ||A x - y||^2 + lambda/2 ||x||^2}, solved
 * by conjugate gradients on the normal equations {@code (A^H A + lambda I) x = A^H y} from zero.
 * One iteration is one normal-operator application. Stops when the relative residual {@code ||r|| /
 * ||A^H y||} falls below the rule's tolerance at a check, or at its cap. Its state is {@link
 * ConjugateGradients.State}.
 */
public final class TikhonovCg implements IterativeSolver<ConjugateGradients.State> {

    private final LinearOperator op;
    private final double lambda;
    private final ConjugateGradients.Solver cg;

    private TikhonovCg(Builder b) {
        this.op = b.op;
        this.lambda = b.lambda;
        this.cg =
                ConjugateGradients.builder()
                        .setSystem(
                                v -> {
                                    try (ComplexTensor n = op.normal(v)) {
                                        return n.add(v.scale(lambda));
                                    }
                                })
                        .optStoppingRule(b.rule)
                        .optListener(b.listener)
                        .build();
    }

    /** A builder; {@code setOperator} and {@code setLambda} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Computes {@code A^H y} and starts CG on the shifted normal equations. */
    @Override
    public ConjugateGradients.State setup(ComplexTensor y) {
        Workspace ws = Workspace.under(y.getManager());
        NDManager m = ws.manager();
        return cg.start(op.adjoint(y).attach(m), ws);
    }

    @Override
    public ConjugateGradients.State step(ConjugateGradients.State s) {
        return cg.step(s);
    }

    @Override
    public Optional<StopReason> done(ConjugateGradients.State s) {
        return cg.done(s);
    }

    @Override
    public SolveResult finish(ConjugateGradients.State s, StopReason reason) {
        return cg.finish(s, reason);
    }

    /** The objective {@code 1/2 ||A x - y||^2 + lambda/2 ||x||^2} (one host read). */
    public double objective(ComplexTensor x, ComplexTensor y) {
        return DataFit.halfSquared(op, x, y) + 0.5 * lambda * Scalars.value(x.norm2Squared());
    }

    /**
     * Builds a {@link TikhonovCg}: DJL's convention. Stopping rule by default: 200 iterations, 1e-6
     * on the relative residual, checked every 10; the listener sees the relative residual.
     */
    public static final class Builder extends OperatorSolverBuilder<Builder> {
        private double lambda = Double.NaN;

        private Builder() {
            super(StoppingRule.of(200, 1e-6));
        }

        /** The absolute Tikhonov weight, {@code >= 0} (required). */
        public Builder setLambda(double lambda) {
            this.lambda = lambda;
            return this;
        }

        /** Validates and builds. */
        public TikhonovCg build() {
            if (op == null || rule == null) {
                throw new IllegalArgumentException("cg needs an operator and a stopping rule");
            }
            if (!(lambda >= 0)) {
                throw new IllegalArgumentException("cg: lambda must be >= 0, got " + lambda);
            }
            return new TikhonovCg(this);
        }
    }
}
