package org.rfrecon.core.prox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.testing.OperatorContract;
import org.rfrecon.core.testing.Seeds;

/** Each proximal map minimises its prox objective: closed forms and perturbation checks. */
class ProxTest {

    /** {@code 1/2 ||x - v||^2 + gamma R(x)}. */
    private static double proxObjective(Prox p, ComplexTensor x, ComplexTensor v, double gamma) {
        return 0.5 * Scalars.value(x.sub(v).norm2Squared()) + gamma * p.value(x);
    }

    /** The prox output beats {@code trials} random perturbations of itself. */
    private static void assertMinimises(
            Prox p, ComplexTensor v, double gamma, Random rng, NDManager m, String what) {
        ComplexTensor x = p.prox(v, gamma);
        double best = proxObjective(p, x, v, gamma);
        for (int t = 0; t < 20; t++) {
            double scale = 1e-3 * Math.pow(10, rng.nextInt(3));
            ComplexTensor w =
                    x.add(
                            ComplexTensor.randomNormal(m, v.getShape(), v.getDataType(), rng)
                                    .scale(scale));
            assertTrue(
                    proxObjective(p, w, v, gamma) >= best - 1e-12 * Math.abs(best),
                    what + ": perturbation " + t + " is better");
        }
    }

    @Test
    void softThresholdIsTheClosedForm() {
        long seed = Seeds.fresh();
        Random rng = new Random(seed);
        try (NDManager m = NDManager.newBaseManager()) {
            ComplexTensor v = ComplexTensor.randomNormal(m, new Shape(4, 7), DataType.FLOAT64, rng);
            double lambda = 0.3;
            double gamma = 1.7;
            double tau = lambda * gamma;
            double[] in = v.toInterleaved();
            double[] expect = new double[in.length];
            for (int k = 0; k < in.length / 2; k++) {
                double mod = Math.hypot(in[2 * k], in[2 * k + 1]);
                double g = Math.max(0, mod - tau) / mod;
                expect[2 * k] = g * in[2 * k];
                expect[2 * k + 1] = g * in[2 * k + 1];
            }
            OperatorContract.assertRelative(
                    new SoftThreshold(lambda).prox(v, gamma).toInterleaved(),
                    expect,
                    1e-14,
                    "seed " + seed);
            assertMinimises(
                    new SoftThreshold(lambda), v, gamma, rng, m, "soft threshold, seed " + seed);
            // a zero input gives zero, without NaN
            ComplexTensor z =
                    new SoftThreshold(lambda)
                            .prox(ComplexTensor.zeros(m, new Shape(3), DataType.FLOAT64), gamma);
            assertEquals(0, Scalars.value(z.norm2Squared()));
        }
    }

    @Test
    void totalVariationProxMinimisesItsObjective() {
        long seed = Seeds.fresh();
        Random rng = new Random(seed);
        try (NDManager m = NDManager.newBaseManager()) {
            ComplexTensor v =
                    ComplexTensor.randomNormal(m, new Shape(2, 8, 9), DataType.FLOAT64, rng);
            TotalVariation tv = new TotalVariation(0.4, 600);
            assertMinimises(tv, v, 1.0, rng, m, "TV, seed " + seed);
            // fewer iterations approach the same point
            OperatorContract.assertClose(
                    new TotalVariation(0.4, 300).prox(v, 1.0),
                    tv.prox(v, 1.0),
                    1e-3,
                    "TV 300 vs 600 iterations, seed " + seed);
            // a constant image is a fixed point; TV of it is zero
            ComplexTensor c =
                    ComplexTensor.of(
                            m.ones(new Shape(5, 5), DataType.FLOAT64).mul(0.7),
                            m.ones(new Shape(5, 5), DataType.FLOAT64).mul(-0.2));
            OperatorContract.assertClose(tv.prox(c, 1.0), c, 1e-9, "constant image");
            assertEquals(0, tv.value(c), 1e-12);
        }
    }

    @Test
    void totalVariationOfAStepIsItsJump() {
        try (NDManager m = NDManager.newBaseManager()) {
            double[] v = new double[2 * 12];
            for (int i = 0; i < 3; i++) {
                for (int j = 2; j < 4; j++) {
                    v[2 * (i * 4 + j)] = 3; // a vertical edge of height 3 (real), 3 rows long
                    v[2 * (i * 4 + j) + 1] = 4; // and 4 imaginary: |jump| = 5
                }
            }
            ComplexTensor x =
                    ComplexTensor.fromInterleaved(m, v, new Shape(3, 4), DataType.FLOAT64);
            assertEquals(2.0 * 3 * 5, new TotalVariation(2.0).value(x), 1e-12);
        }
    }

    @Test
    void projectionsAreFeasibleAndNearest() {
        long seed = Seeds.fresh();
        Random rng = new Random(seed);
        try (NDManager m = NDManager.newBaseManager()) {
            ComplexTensor v =
                    ComplexTensor.randomNormal(m, new Shape(3, 10), DataType.FLOAT64, rng).scale(3);
            ComplexTensor box = new ModulusBox(1.5).prox(v, 1);
            assertTrue(Scalars.value(box.abs().max()) <= 1.5 + 1e-12);
            ComplexTensor ball = new L2Ball(2.0, 1).prox(v, 1);
            double[] norms = ball.abs2().sum(new int[] {1}).sqrt().toDoubleArray();
            for (double n : norms) {
                assertTrue(n <= 2.0 + 1e-12, "norm " + n);
            }
            // nearest: any other feasible point is at least as far from v
            for (int t = 0; t < 10; t++) {
                ComplexTensor w =
                        new ModulusBox(1.5)
                                .prox(
                                        ComplexTensor.randomNormal(
                                                        m, v.getShape(), DataType.FLOAT64, rng)
                                                .scale(2),
                                        1);
                assertTrue(
                        Scalars.value(w.sub(v).norm2Squared())
                                >= Scalars.value(box.sub(v).norm2Squared()) - 1e-12,
                        "box, seed " + seed);
                ComplexTensor u =
                        new L2Ball(2.0, 1)
                                .prox(
                                        ComplexTensor.randomNormal(
                                                m, v.getShape(), DataType.FLOAT64, rng),
                                        1);
                assertTrue(
                        Scalars.value(u.sub(v).norm2Squared())
                                >= Scalars.value(ball.sub(v).norm2Squared()) - 1e-12,
                        "ball, seed " + seed);
            }
        }
    }
}
