package org.rfrecon.core.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.operator.AbstractLinearOperator;
import org.rfrecon.core.operator.Kronecker2D;
import org.rfrecon.core.operator.Volume3D;
import org.rfrecon.core.prox.SoftThreshold;
import org.rfrecon.core.testing.FreshDraws;

/**
 * {@link Admm} with its iterations compiled into one TorchScript program ({@link AdmmProgram})
 * against the same solver's Java loop, on the float32 volume operator (tiny-3d, shared range
 * factor) and the 2D operator (tiny): the same solution and residuals to float32 rounding, the same
 * operator evaluations, with runs of iterations cut at the stopping rule's checks, at balancing and
 * for a listener.
 */
@ExtendWith(FreshDraws.class)
class CompiledAdmmTest {

    private static final DataType F32 = DataType.FLOAT32;

    private record Solve(SolveResult result, long evaluations, List<IterationInfo> seen) {}

    private static Solve solve(
            AbstractLinearOperator op,
            ComplexTensor y,
            SoftThreshold l1,
            double rho,
            boolean compiled,
            Balancing balancing,
            boolean listen) {
        List<IterationInfo> seen = new ArrayList<>();
        Admm.Builder b =
                Admm.builder()
                        .setOperator(op)
                        .setProx(l1)
                        .optRho(rho)
                        .optXStep(new CgXStep(op, StoppingRule.fixed(2)))
                        .optStoppingRule(StoppingRule.of(35, 1e-12))
                        .optBalancing(balancing)
                        .optCompiled(compiled);
        if (listen) {
            b.optListener(seen::add);
        }
        Admm admm = b.build();
        assertEquals(compiled, admm.compiled(), "compiled program available");
        long e0 = op.forwardCount() + op.adjointCount();
        SolveResult r = admm.run(y);
        return new Solve(r, op.forwardCount() + op.adjointCount() - e0, seen);
    }

    @Test
    void compiledIterationsEqualTheJavaLoop(Random rng, NDManager m) {
        Volume3D op = Volume3D.of(Preset.TINY_3D.geometry(), m, F32);
        assertTrue(op.sharedRange());
        ComplexTensor truth = SolverTest.sparseScene(m, op.domainShape(), rng).toType(F32);
        ComplexTensor y = op.forward(truth);
        y = y.add(ComplexTensor.randomNormal(m, y.getShape(), F32, rng).scale(1e-3));
        double lmax = PowerIteration.largestEigenvalue(op, m);
        SoftThreshold l1 = new SoftThreshold(0.05 * SolverTest.maxAbs(op.adjoint(y)));
        double rho = 0.3 * lmax;
        for (Balancing balancing : new Balancing[] {Balancing.OFF, Balancing.every(7)}) {
            Solve loop = solve(op, y, l1, rho, false, balancing, false);
            Solve fast = solve(op, y, l1, rho, true, balancing, false);
            assertEquals(35, fast.result().iterations());
            assertEquals(loop.evaluations(), fast.evaluations(), "operator evaluations");
            double rel = relDiff(fast.result().x(), loop.result().x());
            assertTrue(rel < 2e-5, balancing + ": compiled vs Java loop, relative " + rel);
            assertClose(fast.result().primalResidual(), loop.result().primalResidual(), "primal");
            assertClose(fast.result().dualResidual(), loop.result().dualResidual(), "dual");
        }
        // the 2D operator's program (batched GEMMs on the native factors) likewise
        Kronecker2D plane = Kronecker2D.of(Preset.TINY.geometry(), m, F32);
        ComplexTensor truth2 = SolverTest.sparseScene(m, plane.domainShape(), rng).toType(F32);
        ComplexTensor y2 = plane.forward(truth2);
        SoftThreshold l2 = new SoftThreshold(0.05 * SolverTest.maxAbs(plane.adjoint(y2)));
        double rho2 = 0.3 * PowerIteration.largestEigenvalue(plane, m);
        Solve loop2 = solve(plane, y2, l2, rho2, false, Balancing.OFF, false);
        Solve fast2 = solve(plane, y2, l2, rho2, true, Balancing.OFF, false);
        assertEquals(loop2.evaluations(), fast2.evaluations(), "2D operator evaluations");
        double rel2 = relDiff(fast2.result().x(), loop2.result().x());
        assertTrue(rel2 < 2e-5, "2D: compiled vs Java loop, relative " + rel2);
        // a listener reads every iteration: runs of one, each seen with the loop's figures
        Solve loop = solve(op, y, l1, rho, false, Balancing.OFF, true);
        Solve fast = solve(op, y, l1, rho, true, Balancing.OFF, true);
        assertEquals(35, fast.seen().size());
        for (int i = 0; i < 35; i += 17) {
            assertClose(fast.seen().get(i).objective(), loop.seen().get(i).objective(), "f");
        }
        assertTrue(relDiff(fast.result().x(), loop.result().x()) < 2e-5);
        assertTrue(
                norm(fast.result().x()) > 1e-2 * norm(truth),
                "ADMM returned (nearly) zero: " + norm(fast.result().x()));
    }

    @Test
    void onlyOperatorsAndMapsWithProgramsCompile(Random rng, NDManager m) {
        Volume3D vol = Volume3D.of(Preset.TINY_3D.geometry(), m, F32);
        SoftThreshold l1 = new SoftThreshold(0.1);
        Admm.Builder b = Admm.builder().setProx(l1).optRho(1.0);
        assertTrue(
                b.setOperator(vol)
                        .optXStep(new CgXStep(vol, StoppingRule.fixed(1)))
                        .build()
                        .compiled());
        // a CG x-step with a tolerance reads the device: the Java loop
        assertFalse(b.optXStep(new CgXStep(vol, StoppingRule.of(5, 1e-6))).build().compiled());
        Volume3D vol64 = Volume3D.of(Preset.TINY_3D.geometry(), m, DataType.FLOAT64);
        assertFalse(
                b.setOperator(vol64)
                        .optXStep(new CgXStep(vol64, StoppingRule.fixed(1)))
                        .build()
                        .compiled());
        Kronecker2D plane64 = Kronecker2D.of(Preset.TINY.geometry(), m, DataType.FLOAT64);
        assertFalse(
                b.setOperator(plane64)
                        .optXStep(new CgXStep(plane64, StoppingRule.fixed(1)))
                        .build()
                        .compiled());
    }

    private static void assertClose(double a, double b, String what) {
        assertTrue(
                Math.abs(a - b) <= 1e-3 * Math.max(Math.abs(a), Math.abs(b)),
                what + ": " + a + " vs " + b);
    }

    private static double relDiff(ComplexTensor a, ComplexTensor b) {
        return norm(a.sub(b)) / norm(b);
    }

    private static double norm(ComplexTensor v) {
        return Math.sqrt(
                org.rfrecon.core.complex.Scalars.value(v.toType(DataType.FLOAT64).norm2Squared()));
    }
}
