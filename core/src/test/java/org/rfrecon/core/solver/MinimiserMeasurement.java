package org.rfrecon.core.solver;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Random;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.physics.SensingModel;
import org.rfrecon.core.prox.SoftThreshold;
import org.rfrecon.core.testing.Seeds;

/**
 * A measurement tool, not a test (issue 19; docs/solvers.md says what it measured and how to run
 * it): on a preset's Fresnel operator, a fresh 6-point scene with 5 % noise and lambda a fraction
 * of {@code ||A^H y||_inf}, how many iterations FISTA (gradient restart, no restart) and the {@code
 * reconstruct} ADMM (rho 0.1 {@code ||A||^2}, balancing every 10, 10-iteration CG x-step) need to
 * come within 1e-4, 1e-6 and 1e-8 of a certified minimum, in float64 and float32. The minimum is
 * certified as in {@link MinimiserTest} (duality gap of a long FISTA-with-restart run, evaluated
 * with the float64 operator); for presets too large for tiny's explicit SPEC matrix.
 *
 * <p>Arguments: {@code preset lambdaFraction seeds referenceCap fistaCap admmCap}.
 */
public final class MinimiserMeasurement {

    private static final DataType F64 = DataType.FLOAT64;
    private static final double[] TARGETS = {1e-4, 1e-6, 1e-8};

    private MinimiserMeasurement() {}

    /** Runs the measurement; prints one line per seed and solver. */
    public static void main(String[] args) {
        Preset preset = Preset.byName(args[0]);
        double fraction = Double.parseDouble(args[1]);
        int seeds = Integer.parseInt(args[2]);
        int refCap = Integer.parseInt(args[3]);
        int fistaCap = Integer.parseInt(args[4]);
        int admmCap = Integer.parseInt(args[5]);
        try (NDManager m = NDManager.newBaseManager();
                SensingModel model = SensingModel.fresnel(preset.geometry())) {
            LinearOperator op = model.operator(Device.cpu(), F64);
            LinearOperator op32 = model.operator(Device.cpu(), DataType.FLOAT32);
            double lmax = model.normSquared(Device.cpu(), F64);
            for (int k = 0; k < seeds; k++) {
                long seed = Seeds.fresh() + k;
                Random rng = new Random(seed);
                ComplexTensor y = SolverTest.noisySparseMeasurements(m, op, rng);
                double lambda = fraction * SolverTest.maxAbs(op.adjoint(y));
                long t0 = System.nanoTime();
                double[] ref = reference(op, y, lambda, lmax, refCap);
                System.out.printf(
                        "%s seed %d lambda %.3f: reference %d iterations, gap %.1e, %.1f s,"
                                + " P(0)/P* %.3f%n",
                        preset.id(),
                        seed,
                        fraction,
                        (int) ref[1],
                        ref[2],
                        (System.nanoTime() - t0) / 1e9,
                        0.5 * Scalars.value(y.norm2Squared()) / ref[0]);
                for (DataType dt : new DataType[] {F64, DataType.FLOAT32}) {
                    LinearOperator o = dt == F64 ? op : op32;
                    ComplexTensor yd = y.toType(dt);
                    for (Restart r : new Restart[] {Restart.GRADIENT, Restart.NONE}) {
                        Fista f = fixedFista(o, lambda, lmax, r, fistaCap);
                        measure("fista " + r + " " + dt, f, op, y, yd, lambda, ref[0], fistaCap);
                    }
                    Admm a = recipeAdmm(o, lambda, lmax, admmCap);
                    measure("admm " + dt, a, op, y, yd, lambda, ref[0], admmCap);
                }
            }
        }
    }

    /**
     * FISTA for the l1 problem with Lipschitz estimate {@code lmax}, exactly {@code iterations}
     * iterations.
     */
    static Fista fixedFista(
            LinearOperator op, double lambda, double lmax, Restart restart, int iterations) {
        return Fista.builder()
                .setOperator(op)
                .setProx(new SoftThreshold(lambda))
                .optLipschitz(lmax)
                .optRestart(restart)
                .optStoppingRule(StoppingRule.fixed(iterations))
                .build();
    }

    /**
     * {@code reconstruct}'s ADMM for the l1 problem: rho 0.1 {@code ||A||^2}, balancing every 10, a
     * 10-iteration CG x-step, exactly {@code iterations} iterations.
     */
    static Admm recipeAdmm(LinearOperator op, double lambda, double lmax, int iterations) {
        return Admm.builder()
                .setOperator(op)
                .setProx(new SoftThreshold(lambda))
                .optRho(SolverDefaults.ADMM_RHO.absolute(lmax))
                .optBalancing(SolverDefaults.ADMM_BALANCING)
                .optXStep(new CgXStep(op, StoppingRule.fixed(SolverDefaults.ADMM_CG_ITERATIONS)))
                .optStoppingRule(StoppingRule.fixed(iterations))
                .build();
    }

    /** {@code {D*, iterations, relative gap}} of FISTA with gradient restart run to gap 1e-10. */
    static double[] reference(
            LinearOperator op, ComplexTensor y, double lambda, double lmax, int cap) {
        Fista f = fixedFista(op, lambda, lmax, Restart.GRADIENT, cap);
        Fista.State s = f.setup(y);
        double[] pd = {Double.NaN, Double.NaN};
        while (s.iteration() < cap) {
            s = f.step(s);
            if (s.iteration() % 100 == 0) {
                pd = primalDual(op, y, s.x(), lambda);
                if (pd[0] - pd[1] <= 1e-10 * pd[0]) {
                    break;
                }
            }
        }
        int iterations = s.iteration();
        f.finish(s, StopReason.ITERATION_CAP).x().close();
        return new double[] {pd[1], iterations, (pd[0] - pd[1]) / pd[0]};
    }

    private static <S extends SolverState> void measure(
            String name,
            IterativeSolver<S> solver,
            LinearOperator op64,
            ComplexTensor y64,
            ComplexTensor y,
            double lambda,
            double minimum,
            int cap) {
        S s = solver.setup(y);
        int[] hit = {-1, -1, -1};
        double last = Double.NaN;
        long t0 = System.nanoTime();
        while (iteration(s) < cap && hit[TARGETS.length - 1] < 0) {
            s = solver.step(s);
            if (iteration(s) % 50 == 0) {
                last = primalDual(op64, y64, iterate(s), lambda)[0] / minimum - 1;
                for (int t = 0; t < TARGETS.length; t++) {
                    if (hit[t] < 0 && last <= TARGETS[t]) {
                        hit[t] = iteration(s);
                    }
                }
            }
        }
        double ms = (System.nanoTime() - t0) / 1e6 / Math.max(1, iteration(s));
        System.out.printf(
                "  %-22s 1e-4 @%s 1e-6 @%s 1e-8 @%s, excess %.1e at %d (%.1f ms an iteration)%n",
                name, at(hit[0], cap), at(hit[1], cap), at(hit[2], cap), last, iteration(s), ms);
        solver.finish(s, StopReason.ITERATION_CAP).x().close();
    }

    private static String at(int hit, int cap) {
        return hit > 0 ? Integer.toString(hit) : ">" + cap;
    }

    private static int iteration(SolverState s) {
        return s.iteration();
    }

    private static ComplexTensor iterate(SolverState s) {
        return s instanceof Fista.State f ? f.x() : ((Admm.State) s).iterates().z();
    }

    /** {@code {P(x), D(theta(x))}} in float64 (see {@link MinimiserTest}). */
    static double[] primalDual(
            LinearOperator op64, ComplexTensor y, ComplexTensor x, double lambda) {
        try (NDManager sub = y.getManager().newSubManager()) {
            ComplexTensor x64 = x.toType(F64).attach(sub);
            ComplexTensor r = y.sub(op64.forward(x64)).attach(sub);
            double p =
                    0.5 * Scalars.value(r.norm2Squared()) + lambda * Scalars.value(x64.abs().sum());
            double s = Math.min(1, lambda / SolverTest.maxAbs(op64.adjoint(r)));
            double d =
                    0.5 * Scalars.value(y.norm2Squared())
                            - 0.5 * Scalars.value(y.sub(r.scale(s)).norm2Squared());
            return new double[] {p, d};
        }
    }
}
