package org.rfrecon.core.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.prox.SoftThreshold;
import org.rfrecon.core.solver.Admm;
import org.rfrecon.core.solver.CgXStep;
import org.rfrecon.core.solver.Fista;
import org.rfrecon.core.solver.PowerIteration;
import org.rfrecon.core.solver.Restart;
import org.rfrecon.core.solver.StoppingRule;
import org.rfrecon.core.solver.TikhonovCg;
import org.rfrecon.core.testing.OperatorContract;
import org.rfrecon.core.testing.Seeds;

/**
 * The solvers run unchanged on a {@link PairSharded} operator and give the unsharded answers: the
 * fused per-shard normal map equals {@code A^H A}, an ADMM, FISTA or CG solve over three CPU
 * "devices" (the same split, transfer and gather code as GPUs) equals the unsharded solve in
 * float64, exactly so on one device, and ADMM gathers no measurements inside its loop.
 */
class PairShardedSolversTest {

    /** The tiny grid and array with five pairs: 2, 2, 1 on three devices. */
    private static final Geometry FIVE = fivePairs(Preset.TINY.geometry());

    private static Geometry fivePairs(Geometry t) {
        double[][] tx = new double[5][];
        double[][] rx = new double[5][];
        for (int p = 0; p < 5; p++) {
            double shift = 0.03 * (p - 2);
            tx[p] = new double[] {t.tx()[p % 2][0] + shift, t.tx()[p % 2][1] - shift, 0};
            rx[p] = new double[] {t.rx()[p % 2][0] - shift, t.rx()[p % 2][1] + shift, 0};
        }
        return Geometry.builder()
                .setFreq(t.freq())
                .setX(t.x())
                .setY(t.y())
                .setU(t.u())
                .setV(t.v())
                .setPairs(tx, rx)
                .setR0(t.r0())
                .optPreset("tiny-5-pairs")
                .build();
    }

    /** A few power iterations: only a scale for rho and the FISTA step, same for both paths. */
    private static double norm2(LinearOperator op, NDManager m) {
        return PowerIteration.largestEigenvalue(op, m, 20, 1e-4, new Random(7));
    }

    private static List<Device> cpus(int n) {
        return Collections.nCopies(n, Device.cpu());
    }

    /** Noisy measurements of a sparse random scene. */
    private static ComplexTensor measurements(LinearOperator op, NDManager m, long seed) {
        Random rng = new Random(seed);
        ComplexTensor x = ComplexTensor.randomNormal(m, FIVE.sceneShape(), DataType.FLOAT64, rng);
        NDArray mask =
                m.create(
                        rng.doubles(FIVE.sceneShape().size()).map(v -> v < 0.05 ? 1 : 0).toArray(),
                        FIVE.sceneShape());
        ComplexTensor y = op.forward(x.scale(mask));
        ComplexTensor noise = ComplexTensor.randomNormal(m, y.getShape(), DataType.FLOAT64, rng);
        double scale = 1e-2 * Math.sqrt(Scalars.value(y.norm2Squared()) / y.getShape().size());
        return y.add(noise.scale(scale));
    }

    private static Admm admm(LinearOperator op, double lambda, double rho) {
        return Admm.builder()
                .setOperator(op)
                .setProx(new SoftThreshold(lambda))
                .optRho(rho)
                .optXStep(new CgXStep(op, StoppingRule.fixed(3)))
                .optStoppingRule(StoppingRule.fixed(8))
                .build();
    }

    private static double lambda(LinearOperator op, ComplexTensor y) {
        try (ComplexTensor aty = op.adjoint(y);
                NDArray a = aty.abs();
                NDArray mx = a.max()) {
            return 0.05 * Scalars.value(mx);
        }
    }

    /**
     * FISTA without restarts on {@code op}: l1 of {@code lambda}, Lipschitz constant {@code lmax}.
     */
    private static Fista plainFista(
            LinearOperator op, double lambda, double lmax, StoppingRule rule) {
        return Fista.builder()
                .setOperator(op)
                .setProx(new SoftThreshold(lambda))
                .optLipschitz(lmax)
                .optRestart(Restart.NONE)
                .optStoppingRule(rule)
                .build();
    }

    @Test
    void normalOfShardsIsTheNormalMap() {
        long seed = Seeds.fresh();
        try (NDManager m = NDManager.newBaseManager()) {
            Kronecker2D plain = Kronecker2D.of(FIVE, m, DataType.FLOAT64);
            ComplexTensor x =
                    ComplexTensor.randomNormal(
                            m,
                            new ai.djl.ndarray.types.Shape(2).addAll(FIVE.sceneShape()),
                            DataType.FLOAT64,
                            new Random(seed));
            ComplexTensor expected = plain.adjoint(plain.forward(x));
            PairSharded one = PairSharded.of(FIVE, cpus(1), m, DataType.FLOAT64);
            OperatorContract.assertClose(one.normal(x), expected, 0.0, "one shard, seed " + seed);
            PairSharded three = PairSharded.of(FIVE, cpus(3), m, DataType.FLOAT64);
            OperatorContract.assertClose(
                    three.normal(x), expected, 1e-12, "three shards, seed " + seed);
            assertEquals(0, three.forwardCount() + three.adjointCount(), "normal is fused");
        }
    }

    @Test
    void shardedAdmmEqualsUnshardedAndGathersOnlyTheAdjoint() {
        long seed = Seeds.fresh();
        try (NDManager m = NDManager.newBaseManager()) {
            Kronecker2D plain = Kronecker2D.of(FIVE, m, DataType.FLOAT64);
            ComplexTensor y = measurements(plain, m, seed);
            double lmax = norm2(plain, m);
            double lambda = lambda(plain, y);
            ComplexTensor expected = admm(plain, lambda, 0.1 * lmax).solve(y);

            PairSharded one = PairSharded.of(FIVE, cpus(1), m, DataType.FLOAT64);
            OperatorContract.assertClose(
                    admm(one, lambda, 0.1 * lmax).solve(y), expected, 0.0, "one device");

            PairSharded three = PairSharded.of(FIVE, cpus(3), m, DataType.FLOAT64);
            ComplexTensor z = admm(three, lambda, 0.1 * lmax).solve(y);
            OperatorContract.assertClose(z, expected, 1e-10, "three devices, seed " + seed);
            assertEquals(0, three.forwardCount(), "no measurements gathered in the loop");
            assertEquals(1, three.adjointCount(), "A^H y once per solve");
        }
    }

    @Test
    void shardedFistaAndCgEqualUnsharded() {
        long seed = Seeds.fresh();
        try (NDManager m = NDManager.newBaseManager()) {
            Kronecker2D plain = Kronecker2D.of(FIVE, m, DataType.FLOAT64);
            PairSharded three = PairSharded.of(FIVE, cpus(3), m, DataType.FLOAT64);
            ComplexTensor y = measurements(plain, m, seed);
            double lmax = norm2(plain, m);
            assertEquals(lmax, norm2(three, m), 1e-9 * lmax, "power iteration, seed " + seed);
            double lambda = lambda(plain, y);
            StoppingRule rule = StoppingRule.fixed(8);
            // CG amplifies rounding with the condition number: lambda 0.1 keeps it near 11
            OperatorContract.assertClose(
                    plainFista(three, lambda, lmax, rule).solve(y),
                    plainFista(plain, lambda, lmax, rule).solve(y),
                    1e-10,
                    "fista, seed " + seed);
            OperatorContract.assertClose(
                    TikhonovCg.builder()
                            .setOperator(three)
                            .setLambda(0.1 * lmax)
                            .optStoppingRule(rule)
                            .build()
                            .solve(y),
                    TikhonovCg.builder()
                            .setOperator(plain)
                            .setLambda(0.1 * lmax)
                            .optStoppingRule(rule)
                            .build()
                            .solve(y),
                    1e-10,
                    "cg, seed " + seed);
            assertEquals(0, three.forwardCount(), "no measurements gathered in the loops");
        }
    }
}
