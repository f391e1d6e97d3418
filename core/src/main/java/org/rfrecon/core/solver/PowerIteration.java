package org.rfrecon.core.solver;

import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.operator.LinearOperator;

/**
 * The largest eigenvalue of {@code A^H A} ({@code ||A||^2}) by power iteration from a random start:
 * {@code v <- A^H A v / ||A^H A v||}, estimate {@code ||A^H A v||}. Used for FISTA's step and the
 * {@code cg} lambda convention. Converges from below; a relative change under {@code tolerance}
 * between checks stops it.
 */
public final class PowerIteration {

    private PowerIteration() {}

    /** The estimate after at most {@code iterations} iterations (reads a scalar each iteration). */
    public static double largestEigenvalue(
            LinearOperator op, NDManager manager, int iterations, double tolerance, Random rng) {
        try (NDManager m = manager.newSubManager(op.device())) {
            ComplexTensor v = ComplexTensor.randomNormal(m, op.domainShape(), op.dataType(), rng);
            v = v.scale(1 / Math.sqrt(Scalars.value(v.norm2Squared())));
            double estimate = 0;
            for (int k = 0; k < iterations; k++) {
                try (NDManager it = m.newSubManager()) {
                    ComplexTensor w = op.normal(v.duplicate().attach(it));
                    double norm = Math.sqrt(Scalars.value(w.norm2Squared()));
                    if (!(norm > 0) || !Double.isFinite(norm)) {
                        throw new SolverDivergedException("power iteration: ||A^H A v|| = " + norm);
                    }
                    ComplexTensor next = w.scale(1 / norm).attach(m);
                    v.close();
                    v = next;
                    boolean done = Math.abs(norm - estimate) <= tolerance * norm;
                    estimate = norm;
                    if (done) {
                        break;
                    }
                }
            }
            return estimate;
        }
    }

    /** 100 iterations at most, relative tolerance 1e-6, a fixed seed. */
    public static double largestEigenvalue(LinearOperator op, NDManager manager) {
        return largestEigenvalue(op, manager, 100, 1e-6, new Random(7));
    }
}
