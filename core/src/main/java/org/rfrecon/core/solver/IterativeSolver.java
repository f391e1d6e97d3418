package org.rfrecon.core.solver;

import java.util.Optional;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * The contract every solver keeps (after PyLops' {@code Solver}: setup / step / run / finalize). A
 * solve is {@link #setup} (iteration 0), {@link #step} until {@link #done} names a reason, and
 * {@link #finish}; {@link #run} does exactly that, so stepping by hand gives the same result.
 * Solvers are immutable and reusable: all per-solve state is in the {@link SolverState} record.
 *
 * <p><b>Memory.</b> {@code setup} opens a workspace sub-manager of the input's manager and the
 * state's arrays live there; {@code step} returns the next state and closes what the previous one
 * held that the next does not (so a state must not be used after it was stepped); {@code finish}
 * moves the solution to the input's manager and closes the workspace. A loop of any length keeps
 * native memory flat.
 *
 * @param <S> the solver's state record
 */
public interface IterativeSolver<S extends SolverState> {

    /**
     * Starts a solve.
     *
     * @param y the measurements (or the right-hand side, for a linear-system solver); not modified
     * @return the state at iteration 0
     */
    S setup(ComplexTensor y);

    /**
     * One iteration. Calls the listener, if any, with the iteration's figures.
     *
     * @param s the current state; consumed (closed where not carried over)
     * @return the next state
     * @throws SolverDivergedException if an iterate or residual became NaN or infinite
     */
    S step(S s);

    /** Why the solve should stop at {@code s}, or empty to continue. Reads nothing new. */
    Optional<StopReason> done(S s);

    /**
     * Ends a solve: the solution owned by the input's manager with the final figures; closes the
     * workspace.
     *
     * @param s the last state
     * @param reason why it stopped
     */
    SolveResult finish(S s, StopReason reason);

    /** {@code setup}, {@code step} until {@code done}, {@code finish}. */
    default SolveResult run(ComplexTensor y) {
        S s = setup(y);
        Optional<StopReason> reason = done(s);
        while (reason.isEmpty()) {
            s = step(s);
            reason = done(s);
        }
        return finish(s, reason.get());
    }

    /** The solution of {@link #run}, owned by {@code y}'s manager. */
    default ComplexTensor solve(ComplexTensor y) {
        return run(y).x();
    }
}
