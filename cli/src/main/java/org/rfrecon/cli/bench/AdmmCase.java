package org.rfrecon.cli.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.SensingFactors;
import org.rfrecon.core.operator.AbstractLinearOperator;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.core.operator.Operators;
import org.rfrecon.core.prox.SoftThreshold;
import org.rfrecon.core.solver.Admm;
import org.rfrecon.core.solver.CgXStep;
import org.rfrecon.core.solver.SolverDefaults;
import org.rfrecon.core.solver.StoppingRule;

/**
 * A 200-iteration ADMM solve (l1, float32) with the solvers' conjugate-gradient x-step at one CG
 * iteration, no stopping checks (no host reads inside the loop). The flop count is the operator
 * evaluations actually made (counted on the operator during one solve) times one evaluation's flop;
 * ADMM's own vector updates are not counted.
 */
final class AdmmCase {

    /** ADMM iterations per solve. */
    static final int ITERATIONS = 200;

    private AdmmCase() {}

    /**
     * The bench's ADMM on {@code op} for measurements {@code y}: l1 at the unrolled network's
     * lambda, rho 1, one CG iteration per x-step, {@code iterations} iterations without checks.
     */
    static Admm admm(LinearOperator op, ComplexTensor y, int iterations) {
        return admm(op, y, iterations, true);
    }

    /**
     * As {@link #admm(LinearOperator, ComplexTensor, int)}; {@code compiled} false keeps Java's
     * loop.
     */
    static Admm admm(LinearOperator op, ComplexTensor y, int iterations, boolean compiled) {
        double lambda = SolverDefaults.UNROLLED_LAMBDA.absolute(op, y, Double.NaN);
        return Admm.builder()
                .setOperator(op)
                .setProx(new SoftThreshold(lambda))
                .optRho(1.0)
                .optXStep(new CgXStep(op, StoppingRule.fixed(1)))
                .optStoppingRule(StoppingRule.fixed(iterations))
                .optCompiled(compiled)
                .build();
    }

    /**
     * Times one solve on measurements of a random scene: {@code admm-200} as a user gets it (its
     * iterations compiled into one TorchScript call where the solver can, {@link Admm#compiled}),
     * and then, where it was compiled, {@code admm-200-java-loop}, the same solve with a Java loop
     * of DJL calls, side by side.
     */
    static List<BenchRow> run(BenchContext ctx, Geometry g, java.util.function.Consumer<String> log)
            throws Exception {
        BenchContext.MemoryMark base = ctx.memoryBegin();
        try (NDManager m = ctx.manager().newSubManager()) {
            SensingFactors f = SensingFactors.fresnel(g, m, DataType.FLOAT32);
            AbstractLinearOperator op = Operators.fresnel(f);
            ComplexTensor x =
                    ComplexTensor.randomNormal(m, op.domainShape(), DataType.FLOAT32, ctx.rng());
            ComplexTensor y = op.forward(x);
            Admm admm = admm(op, y, ITERATIONS);
            long before = op.forwardCount() + op.adjointCount();
            try (ComplexTensor z = admm.solve(y)) {
                Timings.sync(z);
            }
            long evaluations = op.forwardCount() + op.adjointCount() - before;
            double flop = evaluations * (g.isVolume() ? Flops.volume(g) : Flops.kron(g));
            log.accept(
                    "bench: admm-"
                            + ITERATIONS
                            + " makes "
                            + evaluations
                            + " operator evaluations per solve");
            BenchContext slow = ctx.slow();
            long counted = Flops.counted(g, 8) + 8L * 8 * op.domainShape().size();
            List<BenchRow> rows = new ArrayList<>();
            rows.add(slow.row("admm-" + ITERATIONS, () -> admm.solve(y), flop, counted, base));
            if (admm.compiled()) {
                Admm loop = admm(op, y, ITERATIONS, false);
                rows.add(
                        slow.row(
                                "admm-" + ITERATIONS + "-java-loop",
                                () -> loop.solve(y),
                                flop,
                                counted,
                                base));
            }
            return rows;
        }
    }
}
