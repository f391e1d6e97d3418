package org.rfrecon.core.solver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.physics.SensingModel;

/**
 * Issue 19 on the {@code small} preset: FISTA (gradient restart) and the {@code reconstruct} ADMM
 * recipe (rho 0.1 {@code ||A||^2}, balancing every 10, 10-iteration CG x-step) reach the l1
 * minimiser of a fixed random problem ({@link #SEED}) within 1e-6 of the certified minimum, in
 * float64 and in float32 (objectives evaluated in float64), in {@link #FISTA_ITERATIONS} and {@link
 * #ADMM_ITERATIONS} iterations. The problem and the certificate are {@link MinimiserMeasurement}'s
 * (a 6-point scene on small's Fresnel operator, 5% noise, lambda 0.3 of {@code ||A^H y||_inf}, a
 * reference FISTA with restart run to a relative duality gap of 1e-10). Measured over 3 draws
 * (docs/solvers.md): within 1e-6 by 350-650 iterations (FISTA) and 650-750 (ADMM), within 1e-8 by
 * 750 and 1,250, float32 as float64; at the caps the excess is far below 1e-6 (one draw: 7e-11
 * after 1,500 and 2e-10 after 1,200). About 1-2 minutes on 2 cores, most of it ADMM's CG.
 */
class MinimiserSmallTest {

    static final int FISTA_ITERATIONS = 1000;
    static final int ADMM_ITERATIONS = 1000;
    static final double TOLERANCE = 1e-6;

    /**
     * A fixed draw, unlike the tiny test's fresh ones: draws of small differ widely in conditioning
     * (seed 6253637369345 left the reference's gap at 7.9e-7 after 4,000 iterations, where the
     * measured draws certified within 1,900), and extending every cap to the worst draw would cost
     * minutes of ADMM's CG. This seed is the first one this test ran on.
     */
    static final long SEED = 5208271398336L;

    @Test
    void fistaAndAdmmReachTheCertifiedMinimumOnSmall() {
        long seed = SEED;
        try (NDManager m = NDManager.newBaseManager();
                SensingModel model = SensingModel.fresnel(Preset.SMALL.geometry())) {
            DataType f64 = DataType.FLOAT64;
            LinearOperator op = model.operator(Device.cpu(), f64);
            double lmax = model.normSquared(Device.cpu(), f64);
            Random rng = new Random(seed);
            ComplexTensor y = SolverTest.noisySparseMeasurements(m, op, rng);
            double lambda = 0.3 * SolverTest.maxAbs(op.adjoint(y));
            double[] ref = MinimiserMeasurement.reference(op, y, lambda, lmax, 4000);
            assertTrue(ref[2] <= 1e-10, "seed " + seed + ": the reference's gap is " + ref[2]);
            double minimum = ref[0];
            for (DataType dt : new DataType[] {f64, DataType.FLOAT32}) {
                LinearOperator o = model.operator(Device.cpu(), dt);
                ComplexTensor yd = y.toType(dt);
                Fista fista =
                        MinimiserMeasurement.fixedFista(
                                o, lambda, lmax, Restart.GRADIENT, FISTA_ITERATIONS);
                Admm admm = MinimiserMeasurement.recipeAdmm(o, lambda, lmax, ADMM_ITERATIONS);
                double fistaExcess = excess(op, y, fista.run(yd).x(), lambda, minimum);
                double admmExcess = excess(op, y, admm.run(yd).x(), lambda, minimum);
                String at =
                        String.format(
                                "seed %d, %s: FISTA excess %.2e after %d, ADMM %.2e after %d",
                                seed,
                                dt,
                                fistaExcess,
                                FISTA_ITERATIONS,
                                admmExcess,
                                ADMM_ITERATIONS);
                System.out.println("small, " + at);
                assertTrue(fistaExcess <= TOLERANCE, at);
                assertTrue(admmExcess <= TOLERANCE, at);
            }
        }
    }

    private static double excess(
            LinearOperator op64, ComplexTensor y, ComplexTensor x, double lambda, double minimum) {
        return MinimiserMeasurement.primalDual(op64, y, x, lambda)[0] / minimum - 1;
    }
}
