package org.rfrecon.core.solver;

import ai.djl.ndarray.NDManager;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * Where one solve keeps its arrays: a sub-manager {@code manager} of the caller's {@code owner},
 * closed by {@link IterativeSolver#finish}, which hands the solution to {@code owner}.
 *
 * @param owner the caller's manager, which receives the solution
 * @param manager the solve's own manager (a child of {@code owner})
 */
public record Workspace(NDManager owner, NDManager manager) {

    /** A fresh workspace under {@code owner}. */
    public static Workspace under(NDManager owner) {
        return new Workspace(owner, owner.newSubManager());
    }

    /** Moves {@code x} to the owner and closes the workspace; returns {@code x}. */
    ComplexTensor deliver(ComplexTensor x) {
        x.attach(owner);
        manager.close();
        return x;
    }
}
