package org.rfrecon.core.solver;

import ai.djl.ndarray.NDManager;
import java.util.Optional;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.operator.LinearOperator;

/**
 * Backprojection {@code x = c A^H y}, with the real scale {@code c = ||A^H y||^2 / ||A A^H y||^2}
 * that best explains the data ({@code c} minimises {@code ||A (c A^H y) - y||}). Without it, {@code
 * A^H y} carries the operator's gain (path loss times the number of measurements) and its NMSE
 * against the scene says nothing; with it, the comparison with other methods is fair.
 *
 * <p>As an {@link IterativeSolver} it is one step and stops with {@link StopReason#CLOSED_FORM};
 * {@link #apply} is the one-call form.
 */
public final class Backprojection implements IterativeSolver<Backprojection.State> {

    /**
     * Backprojection's state.
     *
     * @param iteration 0 before the step, 1 after
     * @param ws the workspace
     * @param y the measurements (the caller's)
     * @param x the scaled backprojection (null before the step)
     */
    public record State(int iteration, Workspace ws, ComplexTensor y, ComplexTensor x)
            implements SolverState {}

    private final LinearOperator op;

    private Backprojection(LinearOperator op) {
        this.op = op;
    }

    /** The backprojection of {@code op} (not null). */
    public static Backprojection of(LinearOperator op) {
        if (op == null) {
            throw new IllegalArgumentException("backprojection needs an operator");
        }
        return new Backprojection(op);
    }

    @Override
    public State setup(ComplexTensor y) {
        return new State(0, Workspace.under(y.getManager()), y, null);
    }

    @Override
    public State step(State s) {
        NDManager m = s.ws().manager();
        ComplexTensor bp = op.adjoint(s.y()).attach(m);
        ComplexTensor abp = op.forward(bp).attach(m);
        double num = Scalars.value(bp.norm2Squared());
        double den = Scalars.value(abp.norm2Squared());
        double c = den > 0 ? num / den : 0;
        return new State(1, s.ws(), s.y(), bp.scale(c).attach(m));
    }

    @Override
    public Optional<StopReason> done(State s) {
        return s.iteration() >= 1 ? Optional.of(StopReason.CLOSED_FORM) : Optional.empty();
    }

    @Override
    public SolveResult finish(State s, StopReason reason) {
        return new SolveResult(
                s.ws().deliver(s.x()), reason, s.iteration(), 1, Double.NaN, Double.NaN);
    }

    /** The scaled backprojection of {@code y}; owned by {@code y}'s manager. */
    public static ComplexTensor apply(LinearOperator op, ComplexTensor y) {
        return of(op).solve(y);
    }
}
