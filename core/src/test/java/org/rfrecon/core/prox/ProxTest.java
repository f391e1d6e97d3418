package org.rfrecon.core.prox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.testing.FreshDraws;
import org.rfrecon.core.testing.OperatorContract;

/** Each proximal map minimises its prox objective: closed forms and perturbation checks. */
@ExtendWith(FreshDraws.class)
class ProxTest {

    /** {@code 1/2 ||x - v||^2 + gamma R(x)}. */
    private static double proxObjective(Prox p, ComplexTensor x, ComplexTensor v, double gamma) {
        return 0.5 * Scalars.value(x.sub(v).norm2Squared()) + gamma * p.value(x);
    }

    /**
     * The prox output beats 60 random perturbations of itself, of sizes 1e-6 to 1e-2 per entry (a
     * perturbation of size e can only win if the output is about e from the minimiser).
     */
    private static void assertMinimises(
            Prox p, ComplexTensor v, double gamma, Random rng, NDManager m, String what) {
        assertMinimises(p, p.prox(v, gamma), v, gamma, rng, m, what);
    }

    /** {@code x}, the prox output, beats random perturbations of itself. */
    private static void assertMinimises(
            Prox p,
            ComplexTensor x,
            ComplexTensor v,
            double gamma,
            Random rng,
            NDManager m,
            String what) {
        double best = proxObjective(p, x, v, gamma);
        for (int t = 0; t < 60; t++) {
            double scale = 1e-6 * Math.pow(10, rng.nextInt(5));
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
    void softThresholdIsTheClosedForm(Random rng, NDManager m) {
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
                "soft threshold's closed form");
        assertMinimises(new SoftThreshold(lambda), v, gamma, rng, m, "soft threshold");
        // a zero input gives zero, without NaN
        ComplexTensor z =
                new SoftThreshold(lambda)
                        .prox(ComplexTensor.zeros(m, new Shape(3), DataType.FLOAT64), gamma);
        assertEquals(0, Scalars.value(z.norm2Squared()));
    }

    @Test
    void totalVariationProxMinimisesItsObjective(Random rng, NDManager m) {
        ComplexTensor v = ComplexTensor.randomNormal(m, new Shape(2, 8, 9), DataType.FLOAT64, rng);
        TotalVariation tv = new TotalVariation(0.4, 400);
        ComplexTensor x = tv.prox(v, 1.0);
        assertMinimises(tv, x, v, 1.0, rng, m, "TV");
        // a long run (1600 inner iterations) reaches the same prox objective and point (measured
        // 1e-7 to 2e-7 relative apart; FGP converges as 1/k^2 on the dual)
        ComplexTensor xl = new TotalVariation(0.4, 1600).prox(v, 1.0);
        double o = proxObjective(tv, x, v, 1.0);
        double ol = proxObjective(tv, xl, v, 1.0);
        System.out.printf("TV prox objective 400 its %.15g, 1600 its %.15g%n", o, ol);
        assertEquals(ol, o, 1e-6 * ol, "TV 400 vs 1600 iterations");
        OperatorContract.assertClose(x, xl, 1e-3, "TV 400 vs 1600 iterations");
        // a constant image is a fixed point; TV of it is zero
        ComplexTensor c =
                ComplexTensor.of(
                        m.ones(new Shape(5, 5), DataType.FLOAT64).mul(0.7),
                        m.ones(new Shape(5, 5), DataType.FLOAT64).mul(-0.2));
        OperatorContract.assertClose(tv.prox(c, 1.0), c, 1e-9, "constant image");
        assertEquals(0, tv.value(c), 1e-12);
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
    void projectionsAreFeasibleAndNearest(Random rng, NDManager m) {
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
                    "box");
            ComplexTensor u =
                    new L2Ball(2.0, 1)
                            .prox(
                                    ComplexTensor.randomNormal(
                                            m, v.getShape(), DataType.FLOAT64, rng),
                                    1);
            assertTrue(
                    Scalars.value(u.sub(v).norm2Squared())
                            >= Scalars.value(ball.sub(v).norm2Squared()) - 1e-12,
                    "ball");
        }
    }

    /**
     * Writes into {@code out[from, to)} the projection of {@code in[from, to)} (interleaved parts)
     * onto the Euclidean ball of radius {@code r}; returns the scale applied (1 inside the ball).
     */
    private static double projectOntoBall(double[] in, int from, int to, double r, double[] out) {
        double n2 = 0;
        for (int k = from; k < to; k++) {
            n2 += in[k] * in[k];
        }
        double g = Math.min(1, r / Math.sqrt(n2));
        for (int k = from; k < to; k++) {
            out[k] = g * in[k];
        }
        return g;
    }

    @Test
    void projectionsEqualTheirClosedForms(Random rng, NDManager m) {
        // three samples: far outside, inside and just outside the balls below
        ComplexTensor v =
                ComplexTensor.randomNormal(m, new Shape(3, 10), DataType.FLOAT64, rng)
                        .scale(m.create(new double[] {3, 0.1, 0.5}, new Shape(3, 1)));
        double[] in = v.toInterleaved();
        double r = 1.5;
        double[] box = new double[in.length];
        for (int k = 0; k < in.length / 2; k++) {
            double mod = Math.hypot(in[2 * k], in[2 * k + 1]);
            double g = Math.min(1, r / mod);
            box[2 * k] = g * in[2 * k];
            box[2 * k + 1] = g * in[2 * k + 1];
        }
        OperatorContract.assertRelative(
                new ModulusBox(r).prox(v, 1).toInterleaved(), box, 1e-14, "box");
        double rb = 2.0;
        double[] ball = new double[in.length];
        int inside = 0;
        for (int b = 0; b < 3; b++) {
            double g = projectOntoBall(in, 20 * b, 20 * b + 20, rb, ball);
            inside += g == 1 ? 1 : 0;
        }
        assertTrue(inside > 0 && inside < 3, "samples inside and outside");
        OperatorContract.assertRelative(
                new L2Ball(rb, 1).prox(v, 1).toInterleaved(), ball, 1e-14, "L2 ball");
        // with no batch axis the whole array is one sample
        double[] whole = new double[in.length];
        projectOntoBall(in, 0, in.length, rb, whole);
        OperatorContract.assertRelative(
                new L2Ball(rb, 0).prox(v, 1).toInterleaved(),
                whole,
                1e-14,
                "L2 ball of the whole array");
    }

    @Test
    void totalVariationOfAVolumeActsSliceBySlice(Random rng, NDManager m) {
        ComplexTensor vol =
                ComplexTensor.randomNormal(m, new Shape(3, 6, 7), DataType.FLOAT64, rng);
        TotalVariation tv = new TotalVariation(0.3, 100);
        ComplexTensor whole = tv.prox(vol, 1.0);
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            ComplexTensor slice = vol.get("{}", k);
            OperatorContract.assertClose(
                    whole.get("{}", k), tv.prox(slice, 1.0), 1e-12, "slice " + k);
            sum += tv.value(slice);
        }
        assertEquals(sum, tv.value(vol), 1e-12 * sum, "TV of a volume");
    }
}
