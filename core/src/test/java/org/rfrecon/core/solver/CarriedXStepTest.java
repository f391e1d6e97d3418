package org.rfrecon.core.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.operator.Kronecker2D;
import org.rfrecon.core.operator.Volume3D;
import org.rfrecon.core.prox.SoftThreshold;
import org.rfrecon.core.testing.FreshDraws;

/**
 * The classical ADMM carries {@code A^H A x} across iterations ({@link CgXStep#solveShifted}): it
 * must give the iterates of the plain x-step (which recomputes the warm start's residual) to
 * float64 rounding, with one normal application per CG iteration instead of one more per x-step.
 */
@ExtendWith(FreshDraws.class)
class CarriedXStepTest {

    private static final DataType F64 = DataType.FLOAT64;

    @Test
    void carriedAdmmEqualsThePlainXStepWithHalfTheEvaluations(Random rng, NDManager m) {
        Kronecker2D op = Kronecker2D.of(Preset.TINY.geometry(), m, F64);
        ComplexTensor truth = SolverTest.sparseScene(m, op.domainShape(), rng);
        ComplexTensor y = op.forward(truth);
        ComplexTensor noise = ComplexTensor.randomNormal(m, y.getShape(), F64, rng);
        ComplexTensor yn = y.add(noise.scale(1e-3));
        double lmax = PowerIteration.largestEigenvalue(op, m);
        SoftThreshold l1 = new SoftThreshold(0.05 * SolverTest.maxAbs(op.adjoint(yn)));
        int iters = 40;
        int cg = 2;
        CgXStep carried = new CgXStep(op, StoppingRule.fixed(cg));
        // the same x-step behind a plain XStep: Admm cannot carry its normal product
        XStep plain = (rhs, rho, warm) -> carried.solve(rhs, rho, warm);
        Function<XStep, ComplexTensor> admm =
                xStep ->
                        Admm.builder()
                                .setOperator(op)
                                .setProx(l1)
                                .optRho(0.3 * lmax)
                                .optXStep(xStep)
                                .optStoppingRule(StoppingRule.fixed(iters))
                                .build()
                                .solve(yn);
        long f0 = op.forwardCount();
        ComplexTensor zc = admm.apply(carried);
        long carriedForwards = op.forwardCount() - f0;
        f0 = op.forwardCount();
        ComplexTensor zp = admm.apply(plain);
        long plainForwards = op.forwardCount() - f0;
        assertEquals((long) iters * cg, carriedForwards);
        assertEquals((long) iters * (cg + 1), plainForwards);
        double rel = relDiff(zc, zp);
        assertTrue(rel < 1e-10, "carried vs plain ADMM: " + rel);
        // the equality above must not be that of two zero images (a fresh scene was the yardstick
        // once, and 40 iterations on tiny land below a tenth of it for about 1 seed in 20)
        assertTrue(norm(zc) > 1e-3 * norm(truth), "ADMM returned (nearly) zero: " + norm(zc));
    }

    @Test
    void shiftedCgReturnsTheNormalProductOfItsSolution(Random rng, NDManager m) {
        Volume3D op = Volume3D.of(Preset.TINY_3D.geometry(), m, F64);
        ComplexTensor b = ComplexTensor.randomNormal(m, op.domainShape(), F64, rng);
        ComplexTensor x0 = ComplexTensor.randomNormal(m, op.domainShape(), F64, rng);
        NDArray rho = m.create(0.7);
        try (ConjugateGradients.Shifted s =
                ConjugateGradients.solveShifted(
                        op::normal, rho, b, x0, op.normal(x0), 0, StoppingRule.fixed(4))) {
            ComplexTensor ref =
                    ConjugateGradients.solve(
                            v -> op.normal(v).add(v.scale(rho)),
                            b,
                            x0,
                            StoppingRule.fixed(4),
                            null);
            assertTrue(relDiff(s.x(), ref) < 1e-11, "x");
            assertTrue(relDiff(s.normalX(), op.normal(s.x())) < 1e-11, "N x");
        }
    }

    private static double norm(ComplexTensor a) {
        return Math.sqrt(Scalars.value(a.norm2Squared()));
    }

    private static double relDiff(ComplexTensor a, ComplexTensor b) {
        return norm(a.sub(b)) / norm(b);
    }
}
