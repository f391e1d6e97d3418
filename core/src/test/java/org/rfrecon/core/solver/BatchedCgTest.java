package org.rfrecon.core.solver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.operator.Kronecker2D;
import org.rfrecon.core.testing.OperatorContract;
import org.rfrecon.core.testing.Seeds;

/** A batch of x-step systems is solved as independent systems, one CG step length per sample. */
class BatchedCgTest {

    @Test
    void batchedFixedIterationCgEqualsOneSolvePerSample() {
        long seed = Seeds.fresh();
        try (NDManager m = NDManager.newBaseManager()) {
            Kronecker2D op = Kronecker2D.of(Preset.TINY.geometry(), m, DataType.FLOAT64);
            Random rng = new Random(seed);
            // Samples of very different scales: with one shared step length they would couple.
            ComplexTensor b =
                    ComplexTensor.randomNormal(m, new Shape(3, 16, 16), DataType.FLOAT64, rng)
                            .scale(m.create(new double[] {1, 1e3, 1e-2}, new Shape(3, 1, 1)));
            ComplexTensor x0 =
                    ComplexTensor.randomNormal(m, new Shape(3, 16, 16), DataType.FLOAT64, rng);
            CgXStep step = new CgXStep(op, StoppingRule.fixed(4));
            var rho = m.create(0.3 * PowerIteration.largestEigenvalue(op, m));
            ComplexTensor together = step.solve(b, rho, x0);
            for (int i = 0; i < 3; i++) {
                String at = i + ":" + (i + 1);
                ComplexTensor alone = step.solve(b.get(at), rho, x0.get(at));
                OperatorContract.assertClose(
                        together.get(at), alone, 1e-12, "sample " + i + ", seed " + seed);
                assertTrue(alone.norm().getDouble() > 0);
            }
        }
    }
}
