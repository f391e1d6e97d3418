package org.rfrecon.cli.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.operator.Operators;
import org.rfrecon.core.script.TorchScriptProgram;
import org.rfrecon.core.solver.CgXStep;
import org.rfrecon.core.solver.StoppingRule;

/**
 * The unrolled network's x-step alone, as a training step runs it: {@link CgXStep#solve} with 3 CG
 * iterations on a batch of 4, recorded by autograd, forward and backward (the gradient of the sum
 * of the solution with respect to the right-hand side). {@code x-step-recorded} is what a user gets
 * (one compiled program on stacked real tensors where the operator has one); {@code
 * x-step-recorded-java-loop} the same solve with compiled programs off ({@link
 * TorchScriptProgram#ENABLED_PROPERTY}, set for the row and restored after it: the bench is one
 * thread). Side by side they measure the program's own effect on one machine.
 */
final class XStepCase {

    private XStepCase() {}

    /** Both rows for the float32 operator of {@code g}. */
    static List<BenchRow> run(BenchContext ctx, Geometry g) throws Exception {
        List<BenchRow> rows = new ArrayList<>();
        BenchContext.MemoryMark base = ctx.memoryBegin();
        try (NDManager m = ctx.manager().newSubManager()) {
            LinearOperator op = Operators.fresnel(g, m, DataType.FLOAT32);
            Shape batch = new Shape(TrainStepCase.BATCH).addAll(op.domainShape());
            ComplexTensor b = ComplexTensor.randomNormal(m, batch, DataType.FLOAT32, ctx.rng());
            ComplexTensor x0 = ComplexTensor.randomNormal(m, batch, DataType.FLOAT32, ctx.rng());
            NDArray rho = m.create(0.5f);
            CgXStep step = new CgXStep(op, StoppingRule.fixed(3));
            for (boolean compiled : new boolean[] {true, false}) {
                String name = compiled ? "x-step-recorded" : "x-step-recorded-java-loop";
                rows.add(
                        TorchScriptProgram.withEnabled(
                                compiled,
                                () ->
                                        ctx.row(
                                                name,
                                                () -> recordedSolve(step, b, rho, x0, m),
                                                0,
                                                0,
                                                base)));
            }
        }
        return rows;
    }

    /** One recorded solve and its backward; the gradient's sum, for the timer to read. */
    private static NDArray recordedSolve(
            CgXStep step, ComplexTensor b, NDArray rho, ComplexTensor x0, NDManager m) {
        float v;
        try (NDManager s = m.newSubManager()) {
            NDArray bs = b.asStacked().duplicate();
            bs.attach(s);
            bs.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                ComplexTensor x = step.solve(ComplexTensor.ofStacked(bs), rho, x0);
                gc.backward(x.asStacked().sum());
            }
            v = bs.getGradient().sum().getFloat();
        }
        return m.create(v);
    }
}
