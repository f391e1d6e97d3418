package org.rfrecon.training.evaluation;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Locale;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.naming.Named;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.physics.SensingModel;
import org.rfrecon.core.prox.Prox;
import org.rfrecon.core.prox.SoftThreshold;
import org.rfrecon.core.prox.TotalVariation;
import org.rfrecon.core.solver.Backprojection;
import org.rfrecon.core.solver.Method;
import org.rfrecon.core.solver.SolverDefaults;
import org.rfrecon.core.solver.StoppingRule;
import org.rfrecon.core.solver.XStep;
import org.rfrecon.datasets.npy.DType;

/**
 * The classical solvers as {@code rfrecon reconstruct} runs them, one scene at a time on the
 * Fresnel operator of the scene's geometry, so that an evaluation row equals {@code reconstruct}
 * run file by file (a test checks it): lambda as a fraction of {@code ||A^H y||_inf} (l1, tv; 0.05
 * by default) or of the largest eigenvalue of {@code A^H A} (cg; 0.01), up to {@code iterations}
 * iterations with relative tolerances 1e-6 (cg) and 1e-5 (fista, admm); ADMM with rho {@code 0.1
 * lambda_max}, residual balancing and a 10-iteration CG x-step (the exact Kronecker solve for one
 * pair and one subcarrier). The largest eigenvalue is estimated per scene, as {@code reconstruct}
 * does, and timed with the solve.
 */
public final class ClassicalMethods {

    /** The lambda fractions a sweep tries. */
    public static final double[] SWEEP = {0.005, 0.01, 0.02, 0.05, 0.1, 0.2};

    /** The default iteration cap, {@code reconstruct}'s. */
    public static final int ITERATIONS = 200;

    private ClassicalMethods() {}

    /**
     * The classical solvers an evaluation can run; the name on the command line and in tables
     * ({@link #id()}) is e.g. {@code admm-l1}.
     */
    public enum Kind implements Named {
        /** Scaled backprojection {@code A^H y}. */
        BACKPROJECTION(0),
        /** Tikhonov-regularised least squares by CG. */
        CG(0.01),
        /** FISTA with an l1 prior. */
        FISTA_L1(0.05),
        /** ADMM with an l1 prior. */
        ADMM_L1(0.05),
        /** ADMM with an isotropic TV prior. */
        ADMM_TV(0.05);

        private final double defaultLambda;

        Kind(double defaultLambda) {
            this.defaultLambda = defaultLambda;
        }

        /** The default lambda fraction ({@code reconstruct}'s), 0 for backprojection. */
        public double defaultLambda() {
            return defaultLambda;
        }

        /** Whether a lambda sweep applies. */
        public boolean hasLambda() {
            return this != BACKPROJECTION;
        }

        /**
         * The kind of a name.
         *
         * @throws IllegalArgumentException naming the accepted values
         */
        public static Kind byId(String id) {
            return Named.byId(
                    values(), id, known -> "method must be one of " + known + ", got '" + id + "'");
        }
    }

    /** {@code kind} at its default lambda and {@link #ITERATIONS} iterations. */
    public static ReconMethod of(Kind kind) {
        return of(kind, kind.defaultLambda(), ITERATIONS);
    }

    /**
     * {@code kind} with lambda fraction {@code lambda} (ignored for backprojection) and at most
     * {@code iterations} iterations.
     */
    public static ReconMethod of(Kind kind, double lambda, int iterations) {
        if (kind.hasLambda() && !(lambda > 0 && Double.isFinite(lambda))) {
            throw new IllegalArgumentException("lambda must be a positive fraction, got " + lambda);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
        }
        return new Solver(kind, lambda, iterations);
    }

    /**
     * One classical solver with its settings; its {@link SensingModel} (operator, {@code ||A||^2},
     * exact x-step) is built once per geometry, in {@link #prepare}.
     */
    private static final class Solver implements ReconMethod {
        private final Kind kind;
        private final double lambda;
        private final int iterations;
        private Geometry geometry;
        private SensingModel model;

        Solver(Kind kind, double lambda, int iterations) {
            this.kind = kind;
            this.lambda = lambda;
            this.iterations = iterations;
        }

        @Override
        public String name() {
            String base = kind.id();
            if (kind.hasLambda() && lambda != kind.defaultLambda()) {
                base += String.format(Locale.ROOT, " (lambda %.3g)", lambda);
            }
            if (iterations != ITERATIONS && kind != Kind.BACKPROJECTION) {
                base += String.format(Locale.ROOT, " [%d it]", iterations);
            }
            return base;
        }

        @Override
        public String family() {
            return kind.id()
                    + (iterations != ITERATIONS && kind != Kind.BACKPROJECTION
                            ? String.format(Locale.ROOT, " [%d it]", iterations)
                            : "");
        }

        @Override
        public void prepare(HeldOutScene first, NDManager manager) {
            LinearOperator a = operator(first, manager);
            if (kind != Kind.BACKPROJECTION) {
                model.normSquared(a.device(), a.dataType()); // cached for every scene
            }
        }

        private SensingModel model(HeldOutScene scene) {
            if (model == null || !scene.geometry().sameSensing(geometry)) {
                release();
                geometry = scene.geometry();
                model = SensingModel.fresnel(geometry);
            }
            return model;
        }

        private static DataType dataType(HeldOutScene scene) {
            return scene.y().dtype() == DType.COMPLEX128 ? DataType.FLOAT64 : DataType.FLOAT32;
        }

        private LinearOperator operator(HeldOutScene scene, NDManager manager) {
            return model(scene).operator(manager.getDevice(), dataType(scene));
        }

        @Override
        public void release() {
            if (model != null) {
                model.close();
                model = null;
            }
        }

        @Override
        public ComplexTensor reconstruct(HeldOutScene scene, NDManager manager) {
            LinearOperator a = operator(scene, manager);
            ComplexTensor y = scene.yTensor(manager).toType(a.dataType());
            if (kind == Kind.BACKPROJECTION) {
                return Backprojection.apply(a, y);
            }
            double lmax = model.normSquared(a.device(), a.dataType());
            if (kind == Kind.CG) {
                return SolverDefaults.solver(
                                Method.CG, a, null, lambda * lmax, lmax, null, iterations, null)
                        .run(y)
                        .x();
            }
            double absLambda = lambda * model.adjointMaxModulus(y);
            if (kind == Kind.FISTA_L1) {
                return SolverDefaults.solver(
                                Method.FISTA,
                                a,
                                new SoftThreshold(absLambda),
                                absLambda,
                                lmax,
                                null,
                                iterations,
                                null)
                        .run(y)
                        .x();
            }
            Prox prox =
                    kind == Kind.ADMM_TV
                            ? new TotalVariation(absLambda)
                            : new SoftThreshold(absLambda);
            XStep xStep =
                    model.xStep(
                            a.device(),
                            a.dataType(),
                            StoppingRule.fixed(SolverDefaults.ADMM_CG_ITERATIONS));
            return SolverDefaults.solver(
                            Method.ADMM, a, prox, absLambda, lmax, xStep, iterations, null)
                    .run(y)
                    .x();
        }
    }
}
