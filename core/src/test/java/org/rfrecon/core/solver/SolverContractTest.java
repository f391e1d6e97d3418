package org.rfrecon.core.solver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.SensingFactors;
import org.rfrecon.core.operator.Kronecker2D;
import org.rfrecon.core.prox.SoftThreshold;
import org.rfrecon.core.testing.HostComplex;
import org.rfrecon.core.testing.OperatorContract;
import org.rfrecon.core.testing.Seeds;
import org.rfrecon.core.testing.SpecMatrices;

/**
 * The {@link IterativeSolver} contract, once over every solver: each converges on a problem with a
 * known answer, stepping by hand gives bit for bit what {@code run} gives, the listener sees every
 * iteration (and changes nothing), and the stopping rule is honoured and reports its reason.
 *
 * <p>The problem is tiny's coarse single-pair, single-subcarrier subproblem in float64 ({@link
 * SolverTest#coarseSinglePairSingleFrequency}: 64 x 64, rank-deficient), a sparse scene with 5%
 * noise; known answers: power iteration's eigenvalue from a host eigendecomposition, CG's and
 * Tikhonov's closed-form solution, backprojection's closed form, and for FISTA and ADMM the l1 KKT
 * conditions (1e-3 lambda), which certify a minimiser without a reference run.
 */
class SolverContractTest {

    private static final DataType F64 = DataType.FLOAT64;

    /** One solver of the list: a factory, its input and what convergence means for it. */
    private record Case(
            String name,
            BiFunction<StoppingRule, IterationListener, IterativeSolver<?>> solver,
            StoppingRule converging,
            ComplexTensor input,
            Consumer<ComplexTensor> converged) {}

    /** The problem every case shares. */
    private record Problem(
            Kronecker2D op, ComplexTensor y, double lmax, double lambda, long seed) {}

    /** The check that a solution meets the l1 problem's optimality conditions to {@code tol}. */
    private static Consumer<ComplexTensor> kkt(Problem p, double tol, String what) {
        return x -> SolverTest.assertKkt(p.op(), p.y(), x, p.lambda(), tol, what);
    }

    private static Problem problem(NDManager m) {
        long seed = Seeds.fresh();
        Random rng = new Random(seed);
        Geometry g = SolverTest.coarseSinglePairSingleFrequency();
        Kronecker2D op = Kronecker2D.of(g, m, F64);
        ComplexTensor y = SolverTest.noisySparseMeasurements(m, op, rng);
        double lmax = PowerIteration.largestEigenvalue(op, m, 500, 1e-13, new Random(seed));
        return new Problem(op, y, lmax, 0.3 * SolverTest.maxAbs(op.adjoint(y)), seed);
    }

    /** Every solver, built on {@code p}. */
    private static List<Case> cases(Problem p, NDManager m) {
        Kronecker2D op = p.op();
        Geometry g = SolverTest.coarseSinglePairSingleFrequency();
        int rows = Math.toIntExact(op.rangeShape().size());
        int cols = Math.toIntExact(op.domainShape().size());
        double[] a = SpecMatrices.fresnel(g);
        double[] gram = HostLinearAlgebra.gram(a, rows, cols);
        double[] aty = HostComplex.matVec(a, rows, cols, p.y().toInterleaved(), true);
        double tik = 0.05 * p.lmax();
        double[] tikhonov = HostLinearAlgebra.solveShifted(gram, cols, tik, aty);
        double[] ev = HermitianEigen.of(gram, cols).values();
        double top = ev[ev.length - 1];
        ComplexTensor atyT = op.adjoint(p.y());
        SoftThreshold l1 = new SoftThreshold(p.lambda());
        KroneckerExactXStep exact = KroneckerExactXStep.of(SensingFactors.fresnel(g, m, F64), m);
        String at = ", seed " + p.seed();
        List<Case> list = new ArrayList<>();
        list.add(
                new Case(
                        "power iteration",
                        (rule, l) ->
                                PowerIteration.builder()
                                        .setOperator(op)
                                        .optStoppingRule(rule)
                                        .optListener(l)
                                        .build(),
                        new StoppingRule(2000, 1e-12, 1),
                        ComplexTensor.randomNormal(
                                m, op.domainShape(), F64, new Random(p.seed() + 1)),
                        v -> {
                            double rq = Scalars.value(v.inner(op.normal(v)).re());
                            assertEquals(top, rq, 1e-7 * top, "power iteration eigenvalue" + at);
                        }));
        list.add(
                new Case(
                        "backprojection",
                        (rule, l) -> Backprojection.of(op),
                        StoppingRule.fixed(1),
                        p.y(),
                        x -> {
                            ComplexTensor ab = op.forward(atyT);
                            double c =
                                    Scalars.value(atyT.norm2Squared())
                                            / Scalars.value(ab.norm2Squared());
                            OperatorContract.assertClose(
                                    x, atyT.scale(c), 1e-12, "backprojection" + at);
                        }));
        list.add(
                new Case(
                        "conjugate gradients",
                        (rule, l) ->
                                ConjugateGradients.builder()
                                        .setSystem(v -> op.normal(v).add(v.scale(tik)))
                                        .optStoppingRule(rule)
                                        .optListener(l)
                                        .build(),
                        StoppingRule.of(1000, 1e-12),
                        atyT,
                        x ->
                                OperatorContract.assertRelative(
                                        x.toInterleaved(), tikhonov, 1e-8, "CG" + at)));
        list.add(
                new Case(
                        "tikhonov cg",
                        (rule, l) ->
                                TikhonovCg.builder()
                                        .setOperator(op)
                                        .setLambda(tik)
                                        .optStoppingRule(rule)
                                        .optListener(l)
                                        .build(),
                        StoppingRule.of(1000, 1e-12),
                        p.y(),
                        x ->
                                OperatorContract.assertRelative(
                                        x.toInterleaved(), tikhonov, 1e-8, "Tikhonov CG" + at)));
        for (Restart restart : Restart.values()) {
            list.add(
                    new Case(
                            "fista " + restart,
                            (rule, l) ->
                                    Fista.builder()
                                            .setOperator(op)
                                            .setProx(l1)
                                            .optRestart(restart)
                                            .optStoppingRule(rule)
                                            .optListener(l)
                                            .build(),
                            StoppingRule.of(3000, 1e-9),
                            p.y(),
                            kkt(p, 1e-3, "FISTA" + at)));
        }
        list.add(
                new Case(
                        "admm, exact x-step, balanced",
                        (rule, l) ->
                                Admm.builder()
                                        .setOperator(op)
                                        .setProx(l1)
                                        .optRho(0.003 * p.lmax())
                                        .optBalancing(Balancing.every(10))
                                        .optXStep(exact)
                                        .optStoppingRule(rule)
                                        .optListener(l)
                                        .build(),
                        StoppingRule.of(3000, 1e-6),
                        p.y(),
                        kkt(p, 3e-3, "ADMM" + at)));
        list.add(
                new Case(
                        "admm, cg x-step",
                        (rule, l) ->
                                Admm.builder()
                                        .setOperator(op)
                                        .setProx(l1)
                                        .optLargestEigenvalue(p.lmax())
                                        .optRhoRule(RhoRule.ofLargestEigenvalue(0.003))
                                        .optBalancing(Balancing.every(10))
                                        .optXStep(new CgXStep(op, StoppingRule.fixed(5)))
                                        .optStoppingRule(rule)
                                        .optListener(l)
                                        .build(),
                        StoppingRule.of(3000, 1e-6),
                        p.y(),
                        kkt(p, 3e-3, "ADMM, CG x-step" + at)));
        return list;
    }

    @Test
    void everySolverConvergesOnAKnownProblem() {
        try (NDManager m = NDManager.newBaseManager()) {
            Problem p = problem(m);
            for (Case c : cases(p, m)) {
                if (c.name().equals("fista NONE") || c.name().equals("fista FUNCTION")) {
                    continue; // slow here (SolverTest: plain FISTA, 3,000 iterations;
                    // MinimiserTest)
                }
                long t0 = System.nanoTime();
                SolveResult r = c.solver().apply(c.converging(), null).run(c.input());
                System.out.printf(
                        "%s: %s after %d iterations (%.1f s)%n",
                        c.name(), r.reason(), r.iterations(), (System.nanoTime() - t0) / 1e9);
                c.converged().accept(r.x());
                if (!c.name().startsWith("admm") && !c.name().startsWith("fista")) {
                    // (FISTA's step and ADMM's residuals settle slowly: their KKT check is the
                    // proof)
                    assertEquals(
                            c.name().equals("backprojection")
                                    ? StopReason.CLOSED_FORM
                                    : StopReason.TOLERANCE_MET,
                            r.reason(),
                            c.name() + " met its tolerance before the cap, seed " + p.seed());
                }
            }
        }
    }

    @Test
    void steppingByHandGivesWhatRunGives() {
        try (NDManager m = NDManager.newBaseManager()) {
            Problem p = problem(m);
            for (Case c : cases(p, m)) {
                StoppingRule rule = StoppingRule.of(37, 1e-30);
                SolveResult whole = c.solver().apply(rule, null).run(c.input());
                SolveResult stepped = byHand(c.solver().apply(rule, null), c.input());
                assertArrayEquals(
                        whole.x().toInterleaved(),
                        stepped.x().toInterleaved(),
                        c.name() + " stepped, seed " + p.seed());
                assertEquals(whole.iterations(), stepped.iterations(), c.name());
                assertEquals(whole.reason(), stepped.reason(), c.name());
            }
        }
    }

    private static <S extends SolverState> SolveResult byHand(
            IterativeSolver<S> solver, ComplexTensor input) {
        S s = solver.setup(input);
        assertEquals(0, s.iteration());
        Optional<StopReason> reason = solver.done(s);
        int k = 0;
        while (reason.isEmpty()) {
            s = solver.step(s);
            assertEquals(++k, s.iteration());
            reason = solver.done(s);
        }
        return solver.finish(s, reason.get());
    }

    @Test
    void theListenerSeesEveryIterationAndChangesNothing() {
        try (NDManager m = NDManager.newBaseManager()) {
            Problem p = problem(m);
            for (Case c : cases(p, m)) {
                StoppingRule rule = StoppingRule.fixed(23);
                List<IterationInfo> seen = new ArrayList<>();
                SolveResult heard = c.solver().apply(rule, seen::add).run(c.input());
                SolveResult quiet = c.solver().apply(rule, null).run(c.input());
                assertArrayEquals(
                        quiet.x().toInterleaved(),
                        heard.x().toInterleaved(),
                        c.name() + " with a listener, seed " + p.seed());
                if (c.name().equals("backprojection")) {
                    assertEquals(StopReason.CLOSED_FORM, quiet.reason());
                    continue; // one closed-form step, nothing to listen to
                }
                assertEquals(23, seen.size(), c.name() + ": one call per iteration");
                for (int k = 0; k < seen.size(); k++) {
                    assertEquals(k + 1, seen.get(k).iteration(), c.name());
                    assertTrue(Double.isFinite(seen.get(k).primalResidual()), c.name());
                }
            }
        }
    }

    @Test
    void theStoppingRuleIsHonouredAndSaysWhy() {
        try (NDManager m = NDManager.newBaseManager()) {
            Problem p = problem(m);
            for (Case c : cases(p, m)) {
                if (c.name().equals("backprojection")) {
                    continue;
                }
                SolveResult capped = c.solver().apply(StoppingRule.fixed(17), null).run(c.input());
                assertEquals(17, capped.iterations(), c.name());
                assertEquals(17, capped.maxIterations(), c.name());
                assertEquals(StopReason.ITERATION_CAP, capped.reason(), c.name());
                assertTrue(Double.isFinite(capped.primalResidual()), c.name() + " final residual");
                // a loose tolerance stops at a check, before the cap
                SolveResult loose =
                        c.solver().apply(new StoppingRule(5000, 0.5, 3), null).run(c.input());
                assertEquals(StopReason.TOLERANCE_MET, loose.reason(), c.name());
                assertTrue(loose.toleranceMet(), c.name());
                assertTrue(loose.iterations() < 5000, c.name());
                assertEquals(0, loose.iterations() % 3, c.name() + " stops at a check");
                assertTrue(loose.primalResidual() <= 0.5 || c.name().startsWith("admm"), c.name());
            }
        }
    }
}
