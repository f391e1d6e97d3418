package org.rfrecon.unrolled;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.operator.Kronecker2D;
import org.rfrecon.core.solver.CgXStep;
import org.rfrecon.core.solver.StoppingRule;
import org.rfrecon.core.testing.OperatorContract;
import org.rfrecon.core.testing.Seeds;

/**
 * The per-sample CG x-step: on one sample it is the solvers' CG; on a batch every sample is what it
 * would be alone, and a zero sample stays zero.
 */
class PerSampleCgXStepTest {

    @Test
    void oneSampleIsTheSolversCgAndBatchMatesDoNotInteract() {
        long seed = Seeds.fresh();
        try (NDManager m = NDManager.newBaseManager()) {
            Kronecker2D op = Kronecker2D.of(Preset.TINY.geometry(), m, DataType.FLOAT64);
            Random rng = new Random(seed);
            Shape batch = new Shape(3).addAll(op.domainShape());
            ComplexTensor rhs = ComplexTensor.randomNormal(m, batch, DataType.FLOAT64, rng);
            ComplexTensor warm =
                    ComplexTensor.randomNormal(m, batch, DataType.FLOAT64, rng).scale(0.1);
            rhs = rhs.scale(m.create(new double[] {1, 1e3, 0}, new Shape(3, 1, 1)));
            NDArray rho = m.create(0.3 * 1e-4);
            PerSampleCgXStep step = new PerSampleCgXStep(op, 4);
            ComplexTensor all = step.solve(rhs, rho, warm);
            for (int b = 0; b < 2; b++) {
                ComplexTensor alone =
                        step.solve(rhs.get(b + ":" + (b + 1)), rho, warm.get(b + ":" + (b + 1)));
                OperatorContract.assertClose(
                        all.get(b + ":" + (b + 1)), alone, 1e-12, "sample " + b + ", seed " + seed);
                ComplexTensor cg =
                        new CgXStep(op, StoppingRule.fixed(4))
                                .solve(
                                        rhs.get(String.valueOf(b)),
                                        rho,
                                        warm.get(String.valueOf(b)));
                OperatorContract.assertClose(alone.get("0"), cg, 1e-12, "CgXStep, seed " + seed);
            }
            ComplexTensor zero = step.solve(rhs.get("2:3"), rho, null);
            assertEquals(0.0, zero.norm2Squared().getDouble(), "a zero right-hand side stays zero");
        }
    }
}
