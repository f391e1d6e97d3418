package org.rfrecon.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.testing.Seeds;

/** The losses against their definitions on hand-made pairs. */
class ComplexLossesTest {

    @Test
    void nmseOfAScaledCopyIsExact() {
        long seed = Seeds.fresh();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x =
                    m.randomNormal(new Shape(3, 2, 4, 5))
                            .toType(ai.djl.ndarray.types.DataType.FLOAT64, false);
            // xhat = 1.5 x: every sample has NMSE 0.25 exactly.
            double v =
                    ComplexLosses.nmse()
                            .evaluate(new NDList(x), new NDList(x.mul(1.5)))
                            .getDouble();
            assertEquals(0.25, v, 1e-14, "seed " + seed);
        }
    }

    @Test
    void nmseDbIsTheMeanOfPerSampleDecibels() {
        long seed = Seeds.fresh();
        Random rng = new Random(seed);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x =
                    m.randomNormal(new Shape(2, 2, 4, 5))
                            .toType(ai.djl.ndarray.types.DataType.FLOAT64, false);
            // sample 0 scaled by (1 + a), sample 1 by (1 + b): NMSEs a^2 and b^2 exactly
            double a = 0.05 + rng.nextDouble();
            double b = 0.05 + rng.nextDouble();
            NDArray scale = m.create(new double[] {1 + a, 1 + b}, new Shape(2, 1, 1, 1));
            double v =
                    ComplexLosses.nmseDb()
                            .evaluate(new NDList(x), new NDList(x.mul(scale)))
                            .getDouble();
            double expected = (10 * Math.log10(a * a) + 10 * Math.log10(b * b)) / 2;
            assertEquals(expected, v, 1e-12, "seed " + seed);
            assertEquals(
                    expected,
                    LossKind.NMSE_DB
                            .loss()
                            .evaluate(new NDList(x), new NDList(x.mul(scale)))
                            .getDouble(),
                    1e-12,
                    "seed " + seed);
        }
    }

    @Test
    void mseAndMagnitudeL1OfKnownPairs() {
        try (NDManager m = NDManager.newBaseManager()) {
            // two complex numbers: 3+4j and 0+1j; predictions 0 and 0+2j.
            NDArray x = m.create(new double[] {3, 0, 4, 1}, new Shape(1, 2, 2));
            NDArray p = m.create(new double[] {0, 0, 0, 2}, new Shape(1, 2, 2)); // (B, re|im, n)
            assertEquals(
                    (25 + 1) / 2.0,
                    ComplexLosses.mse().evaluate(new NDList(x), new NDList(p)).getDouble(),
                    1e-12);
            assertEquals(
                    (5 + 1) / 2.0,
                    ComplexLosses.l1Magnitude().evaluate(new NDList(x), new NDList(p)).getDouble(),
                    1e-12);
        }
    }

    @Test
    void phaseOnlyErrorCostsNothingInMagnitudeL1ButInNmse() {
        long seed = Seeds.fresh();
        Random rng = new Random(seed);
        try (NDManager m = NDManager.newBaseManager()) {
            double re = rng.nextGaussian();
            double im = rng.nextGaussian();
            NDArray x = m.create(new double[] {re, im}, new Shape(1, 2, 1));
            NDArray rotated = m.create(new double[] {-im, re}, new Shape(1, 2, 1)); // times j
            assertEquals(
                    0,
                    ComplexLosses.l1Magnitude()
                            .evaluate(new NDList(x), new NDList(rotated))
                            .getDouble(),
                    1e-12);
            assertEquals(
                    2,
                    ComplexLosses.nmse().evaluate(new NDList(x), new NDList(rotated)).getDouble(),
                    1e-12);
        }
    }

    @Test
    void unknownLossIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ComplexLosses.byName("huber"));
    }
}
