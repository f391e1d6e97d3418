package org.rfrecon.core.solver;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.operator.Kronecker2D;
import org.rfrecon.core.script.TorchScriptProgram;
import org.rfrecon.core.testing.FreshDraws;

/**
 * The fixed-iteration CG x-step as one compiled program ({@link CgProgram}) against the Java loop
 * of {@link ConjugateGradients#solve} on the float32 2D operator, for a batch of three systems: the
 * same solutions, and under autograd the same gradients with respect to the right-hand side, the
 * warm start and {@code rho} (the unrolled network's x-step), to float32 rounding.
 */
@ExtendWith(FreshDraws.class)
class CompiledCgTest {

    private static final DataType F32 = DataType.FLOAT32;

    private record Run(ComplexTensor x, NDArray[] gradients) {}

    private static Run run(
            CgXStep step,
            ComplexTensor b,
            ComplexTensor x0,
            double rho,
            ComplexTensor w,
            NDManager m,
            boolean compiled) {
        String old = System.getProperty(TorchScriptProgram.ENABLED_PROPERTY);
        System.setProperty(TorchScriptProgram.ENABLED_PROPERTY, Boolean.toString(compiled));
        try {
            NDArray bs = b.asStacked().duplicate();
            NDArray xs = x0.asStacked().duplicate();
            NDArray r = m.create((float) rho);
            for (NDArray leaf : new NDArray[] {bs, xs, r}) {
                leaf.setRequiresGradient(true);
            }
            ComplexTensor x;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                x = step.solve(ComplexTensor.ofStacked(bs), r, ComplexTensor.ofStacked(xs));
                gc.backward(x.realDot(w, new int[] {0, 1, 2}).sum());
            }
            ComplexTensor plain = ComplexTensor.ofStacked(x.asStacked().stopGradient());
            return new Run(
                    plain,
                    new NDArray[] {
                        bs.getGradient().duplicate(),
                        xs.getGradient().duplicate(),
                        r.getGradient().duplicate()
                    });
        } finally {
            if (old == null) {
                System.clearProperty(TorchScriptProgram.ENABLED_PROPERTY);
            } else {
                System.setProperty(TorchScriptProgram.ENABLED_PROPERTY, old);
            }
        }
    }

    @Test
    void compiledCgGivesTheLoopsSolutionAndGradients(Random rng, NDManager m) {
        Kronecker2D op = Kronecker2D.of(Preset.TINY.geometry(), m, F32);
        Shape batch = new Shape(3).addAll(op.domainShape());
        ComplexTensor b = ComplexTensor.randomNormal(m, batch, F32, rng);
        ComplexTensor x0 = ComplexTensor.randomNormal(m, batch, F32, rng).scale(0.1);
        ComplexTensor w = ComplexTensor.randomNormal(m, batch, F32, rng);
        double rho = 0.2 * PowerIteration.largestEigenvalue(op, m);
        CgXStep step = new CgXStep(op, StoppingRule.fixed(3));
        Run loop = run(step, b, x0, rho, w, m, false);
        Run fast = run(step, b, x0, rho, w, m, true);
        assertTrue(rel(fast.x().asStacked(), loop.x().asStacked()) < 1e-5, "solution");
        String[] names = {"d/d rhs", "d/d warm start", "d/d rho"};
        for (int i = 0; i < 3; i++) {
            double e = rel(fast.gradients()[i], loop.gradients()[i]);
            assertTrue(e < 1e-4, names[i] + ": relative " + e);
        }
        // gradient-free, the compiled solve runs in inference mode with the same result
        ComplexTensor inference = step.solve(b, m.create((float) rho), x0);
        assertTrue(rel(inference.asStacked(), loop.x().asStacked()) < 1e-5, "inference");
    }

    private static double rel(NDArray a, NDArray b) {
        NDArray a64 = a.toType(DataType.FLOAT64, false);
        NDArray b64 = b.toType(DataType.FLOAT64, false);
        return a64.sub(b64).norm().getDouble() / b64.norm().getDouble();
    }
}
