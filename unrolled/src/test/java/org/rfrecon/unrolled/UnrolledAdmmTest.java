package org.rfrecon.unrolled;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import java.nio.DoubleBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.device.GradMode;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.operator.Kronecker2D;
import org.rfrecon.core.prox.SoftThreshold;
import org.rfrecon.core.solver.Admm;
import org.rfrecon.core.solver.CgXStep;
import org.rfrecon.core.solver.StoppingRule;
import org.rfrecon.core.testing.FreshDraws;
import org.rfrecon.core.testing.OperatorContract;
import org.rfrecon.core.testing.Seeds;
import org.rfrecon.unrolled.Architecture.RegularizerKind;
import org.rfrecon.unrolled.Architecture.XStepKind;

/** Gradients, checkpointing, equality with classical ADMM, and input errors of the network. */
@ExtendWith(FreshDraws.class)
class UnrolledAdmmTest {

    private static final Geometry TINY = Preset.TINY.geometry();

    /**
     * {@code sum (out - truth)^2}: a loss with no scalar constant, unlike DJL's L2Loss, whose
     * {@code mul(0.5)} autograd would keep in a Java buffer (see {@code Scalars#constant}).
     */
    static final Loss SQUARED_ERROR =
            new Loss("squared-error") {
                @Override
                public NDArray evaluate(NDList labels, NDList predictions) {
                    return predictions
                            .singletonOrThrow()
                            .sub(labels.singletonOrThrow())
                            .square()
                            .sum();
                }
            };

    static UnrolledAdmm net(RegularizerKind reg, int stages, String precision, NDManager m) {
        Architecture a =
                Architecture.builder()
                        .optStages(stages)
                        .optRegularizer(reg)
                        .optSharedWeights(false)
                        .optXStep(XStepKind.CG)
                        .optCgIterations(3)
                        .optCnnDepth(2)
                        .optCnnWidth(3)
                        .optPrecision(Architecture.precisionById(precision))
                        .build();
        // CNN branches at their full initial scale, so every gradient is well above FD noise
        UnrolledAdmm n =
                UnrolledAdmm.builder()
                        .setGeometry(TINY)
                        .setArchitecture(a)
                        .optInitialCnnScale(1)
                        .build();
        n.initialize(m, n.dataType(), n.inputShape(2));
        return n;
    }

    /** A batch of two point scenes and their noisy tiny measurements, channel-first. */
    static NDArray[] batch(NDManager m, DataType dt, long seed) {
        return batch(m, dt, seed, TINY);
    }

    /** {@link #batch(NDManager, DataType, long)} drawn from {@code rng}. */
    static NDArray[] batch(NDManager m, DataType dt, Random rng) {
        return batch(m, dt, rng.nextLong());
    }

    /** A batch of two point scenes and their noisy measurements in {@code g}, channel-first. */
    static NDArray[] batch(NDManager m, DataType dt, long seed, Geometry g) {
        Random rng = new Random(seed);
        ComplexTensor x =
                ComplexTensor.randomNormal(m, new Shape(2, 16, 16), DataType.FLOAT64, rng);
        NDArray mask =
                m.create(
                        rng.doubles(512).map(v -> v < 0.05 ? 1 : 0).toArray(),
                        new Shape(2, 16, 16));
        x = x.scale(mask);
        ComplexTensor y = Kronecker2D.of(g, m, DataType.FLOAT64).forward(x);
        y = y.add(ComplexTensor.randomNormal(m, y.getShape(), DataType.FLOAT64, rng).scale(1e-4));
        return new NDArray[] {
            y.stackChannels(1).toType(dt, false), x.stackChannels(1).toType(dt, false)
        };
    }

    private static Map<String, double[]> gradients(
            UnrolledAdmm n, NDManager m, NDArray y, NDArray x, boolean checkpointed) {
        zero(n);
        ParameterStore ps = new ParameterStore(m, false);
        if (checkpointed) {
            GradientSteps.checkpointed(n, ps, y, x, SQUARED_ERROR);
        } else {
            GradientSteps.full(n, ps, y, x, SQUARED_ERROR);
        }
        return parameterGradients(n);
    }

    /** Every parameter's accumulated gradient, in float64, by parameter name. */
    static Map<String, double[]> parameterGradients(UnrolledAdmm n) {
        Map<String, double[]> g = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : n.getParameters()) {
            g.put(
                    p.getKey(),
                    p.getValue()
                            .getArray()
                            .getGradient()
                            .toType(DataType.FLOAT64, false)
                            .toDoubleArray());
        }
        return g;
    }

    /** Resets every parameter gradient to zero. */
    static void zero(UnrolledAdmm n) {
        for (Pair<String, Parameter> p : n.getParameters()) {
            NDArray w = p.getValue().getArray();
            if (w.hasGradient()) {
                w.getGradient().subi(w.getGradient());
            }
        }
    }

    /**
     * A full-graph step frees each stage's temporaries when the stage ends (autograd keeps what it
     * saved through its own references): the arrays still attached to the step's manager grow by
     * the stage state only (x, z and u: three stacked arrays a stage), not by the stage's
     * temporaries (CNN activations, the CG x-step's results), which before each stage had its own
     * scope stayed on the device until the step ended (14 arrays a stage on this network). The
     * gradients this path gives are those of the checkpointed one (above).
     */
    @Test
    void fullStepKeepsOnlyTheStageStatesAlive() {
        long seed = Seeds.fresh();
        int[] live = new int[2];
        int[] stages = {2, 4};
        for (int i = 0; i < stages.length; i++) {
            try (NDManager m = NDManager.newBaseManager()) {
                UnrolledAdmm n = net(RegularizerKind.CNN, stages[i], "float32", m);
                NDArray[] yx = batch(m, DataType.FLOAT32, seed);
                ParameterStore ps = new ParameterStore(m, false);
                GradientSteps.full(n, ps, yx[0], yx[1], SQUARED_ERROR); // parameters fetched
                try (NDManager step = m.newSubManager()) {
                    yx[0].tempAttach(step);
                    yx[1].tempAttach(step);
                    double v = GradientSteps.full(n, ps, yx[0], yx[1], SQUARED_ERROR);
                    assertTrue(Double.isFinite(v), "loss " + v);
                    live[i] = step.getManagedArrays().size();
                }
            }
        }
        double perStage = (live[1] - live[0]) / (double) (stages[1] - stages[0]);
        assertTrue(
                perStage <= 6,
                "arrays left alive per stage: "
                        + perStage
                        + " ("
                        + live[0]
                        + " at K=2, "
                        + live[1]
                        + " at K=4, seed "
                        + seed
                        + ")");
    }

    private static double loss(UnrolledAdmm n, NDManager m, NDArray y, NDArray x) {
        try (GradMode noGrad = GradMode.disabled()) {
            NDArray out =
                    n.forward(new ParameterStore(m, false), new NDList(y), false)
                            .singletonOrThrow();
            return SQUARED_ERROR.evaluate(new NDList(x), new NDList(out)).getDouble();
        }
    }

    @EveryRegularizer
    void gradientsOfEveryParameterMatchCentralFiniteDifferences(
            RegularizerKind reg, Random rng, NDManager m) {
        UnrolledAdmm n = net(reg, 2, "float64", m);
        assertGradientsMatchFiniteDifferences(
                n, batch(m, DataType.FLOAT64, rng), m, reg.toString());
    }

    /**
     * The same through the exact Kronecker x-step, on tiny's first pair and subcarrier (where the
     * exact solve applies): the gradient of rho flows through the eigendecomposition solve.
     */
    @Test
    void gradientsThroughTheExactXStepMatchCentralFiniteDifferences() {
        long seed = Seeds.fresh();
        Geometry g =
                TINY.toBuilder()
                        .setFreq(new double[] {TINY.freq()[0]})
                        .setPairs(new double[][] {TINY.tx()[0]}, new double[][] {TINY.rx()[0]})
                        .build();
        Architecture a =
                Architecture.builder()
                        .optStages(2)
                        .optRegularizer(RegularizerKind.CNN)
                        .optSharedWeights(false)
                        .optXStep(XStepKind.EXACT)
                        .optCgIterations(1)
                        .optCnnDepth(2)
                        .optCnnWidth(3)
                        .optPrecision(Architecture.precisionById("float64"))
                        .build();
        try (NDManager m = NDManager.newBaseManager()) {
            UnrolledAdmm n = UnrolledAdmm.builder().setGeometry(g).setArchitecture(a).build();
            n.initialize(m, n.dataType(), n.inputShape(2));
            assertGradientsMatchFiniteDifferences(
                    n, batch(m, DataType.FLOAT64, seed, g), m, "exact x-step, seed " + seed);
        }
    }

    /**
     * Autograd against central differences at three random entries of every parameter: they agree
     * to 1e-5 relative, plus the differences' rounding floor {@code 1e-9 |loss|} (float64 rounding
     * of the loss divided by the step 1e-6, with a margin of ten), which matters only for gradients
     * near 1e-8.
     */
    private static void assertGradientsMatchFiniteDifferences(
            UnrolledAdmm n, NDArray[] yx, NDManager m, String what) {
        Map<String, double[]> g = gradients(n, m, yx[0], yx[1], false);
        double floor = 1e-9 * Math.abs(loss(n, m, yx[0], yx[1]));
        Random pick = new Random(what.hashCode());
        for (Pair<String, Parameter> p : n.getParameters()) {
            NDArray w = p.getValue().getArray();
            double[] v = w.toDoubleArray();
            for (int t = 0; t < Math.min(3, v.length); t++) {
                int i = pick.nextInt(v.length);
                double ad = g.get(p.getKey())[i];
                double h = 1e-6 * Math.max(1, Math.abs(v[i]));
                double fd = centralDifference(n, m, yx, w, v, i, h);
                double scale = Math.max(Math.abs(fd), Math.abs(ad));
                if (Math.abs(fd - ad) > 1e-5 * scale + floor) {
                    // a ReLU kink within h of the point spoils the difference (seen once in a
                    // fresh draw: 1.2e-3 relative); a real gradient error does not shrink with h
                    fd = centralDifference(n, m, yx, w, v, i, h / 16);
                    scale = Math.max(Math.abs(fd), Math.abs(ad));
                }
                assertTrue(
                        Math.abs(fd - ad) <= 1e-5 * scale + 16 * floor,
                        what
                                + " "
                                + p.getKey()
                                + "["
                                + i
                                + "]: autograd "
                                + ad
                                + " vs finite difference "
                                + fd);
            }
        }
    }

    /** {@code (loss(w_i + h) - loss(w_i - h)) / 2h}, restoring {@code w}. */
    private static double centralDifference(
            UnrolledAdmm n, NDManager m, NDArray[] yx, NDArray w, double[] v, int i, double h) {
        double orig = v[i];
        v[i] = orig + h;
        w.set(DoubleBuffer.wrap(v));
        double up = loss(n, m, yx[0], yx[1]);
        v[i] = orig - h;
        w.set(DoubleBuffer.wrap(v));
        double down = loss(n, m, yx[0], yx[1]);
        v[i] = orig;
        w.set(DoubleBuffer.wrap(v));
        return (up - down) / (2 * h);
    }

    @Test
    void checkpointedGradientsEqualTheFullGraph() {
        long seed = Seeds.fresh();
        for (String precision : new String[] {"float64", "float32"}) {
            double tol = precision.equals("float64") ? 1e-10 : 1e-4;
            for (RegularizerKind reg : RegularizerKind.values()) {
                try (NDManager m = NDManager.newBaseManager()) {
                    UnrolledAdmm n = net(reg, 3, precision, m);
                    NDArray[] yx = batch(m, n.dataType(), seed);
                    Map<String, double[]> full = gradients(n, m, yx[0], yx[1], false);
                    Map<String, double[]> ckpt = gradients(n, m, yx[0], yx[1], true);
                    assertEquals(full.keySet(), ckpt.keySet());
                    for (String k : full.keySet()) {
                        OperatorContract.assertRelative(
                                ckpt.get(k),
                                full.get(k),
                                tol,
                                precision + " " + reg + " " + k + " (seed " + seed + ")");
                    }
                }
            }
        }
    }

    @Test
    void softThresholdNetworkWithFixedParametersIsClassicalAdmm() {
        long seed = Seeds.fresh();
        int stages = 5;
        double rho = 0.8;
        double fraction = 0.1;
        try (NDManager m = NDManager.newBaseManager()) {
            Architecture a =
                    Architecture.builder()
                            .optStages(stages)
                            .optRegularizer(RegularizerKind.SOFT_THRESHOLD)
                            .optSharedWeights(true)
                            .optXStep(XStepKind.CG)
                            .optCgIterations(4)
                            .optCnnDepth(2)
                            .optCnnWidth(1)
                            .optPrecision(Architecture.precisionById("float64"))
                            .build();
            UnrolledAdmm n =
                    UnrolledAdmm.builder()
                            .setGeometry(TINY)
                            .setArchitecture(a)
                            .optInitialThreshold(fraction)
                            .build();
            n.initialize(m, DataType.FLOAT64, n.inputShape(1));
            n.getParameters()
                    .get("rho")
                    .getArray()
                    .set(
                            DoubleBuffer.wrap(
                                    fill(
                                            stages,
                                            org.rfrecon.unrolled.regularizer.Softplus.inverse(
                                                    rho / n.normA2()))));
            NDArray[] yx = batch(m, DataType.FLOAT64, seed);
            NDArray y1 = yx[0].get("0:1");
            NDArray out =
                    n.forward(new ParameterStore(m, false), new NDList(y1), false)
                            .singletonOrThrow();

            Kronecker2D op = Kronecker2D.of(TINY, m, DataType.FLOAT64);
            ComplexTensor y = ComplexTensor.fromChannels(y1, 1).get("0");
            double lambda = fraction * op.adjoint(y).abs().max().getDouble();
            Admm admm =
                    Admm.builder()
                            .setOperator(op)
                            .setProx(new SoftThreshold(lambda))
                            .optRho(rho)
                            .optXStep(new CgXStep(op, StoppingRule.fixed(4)))
                            .optStoppingRule(StoppingRule.fixed(stages))
                            .build();
            ComplexTensor classical = admm.solve(y);
            OperatorContract.assertClose(
                    ComplexTensor.fromChannels(out, 1).get("0"), classical, 1e-10, "seed " + seed);
            assertTrue(classical.norm().getDouble() > 0, "a trivial zero solution proves nothing");
        }
    }

    /** Input normalisation: one model serves any scene scale, {@code net(c y) = c net(y)}. */
    @EveryRegularizer
    void outputScalesWithTheMeasurements(RegularizerKind reg, Random rng, NDManager m) {
        UnrolledAdmm n = net(reg, 2, "float64", m);
        NDArray y = batch(m, DataType.FLOAT64, rng)[0];
        ParameterStore ps = new ParameterStore(m, false);
        NDArray out = n.forward(ps, new NDList(y), false).singletonOrThrow();
        for (double c : new double[] {1e-3, 37.5}) {
            NDArray scaled = n.forward(ps, new NDList(y.mul(c)), false).singletonOrThrow();
            OperatorContract.assertRelative(
                    scaled.toDoubleArray(),
                    out.mul(c).toDoubleArray(),
                    1e-10,
                    reg + " at scale " + c);
        }
        assertTrue(out.abs().max().getDouble() > 0, "a zero output proves nothing");
    }

    private static double[] fill(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void theStepWithoutValueChecksIsTheCheckedStep() {
        // lossOfFinite is the body a CUDA graph records: the same loss and gradients as the
        // checked steps, through the full graph and with checkpointing
        long seed = Seeds.fresh();
        for (boolean checkpointed : new boolean[] {false, true}) {
            try (NDManager m = NDManager.newBaseManager()) {
                UnrolledAdmm n = net(RegularizerKind.CNN, 3, "float32", m);
                NDArray[] yx = batch(m, n.dataType(), seed);
                ParameterStore ps = new ParameterStore(m, false);
                zero(n);
                double checked =
                        checkpointed
                                ? GradientSteps.checkpointed(n, ps, yx[0], yx[1], SQUARED_ERROR)
                                : GradientSteps.full(n, ps, yx[0], yx[1], SQUARED_ERROR);
                Map<String, double[]> expected = parameterGradients(n);
                zero(n);
                double unchecked =
                        GradientSteps.lossOfFinite(n, ps, yx[0], yx[1], SQUARED_ERROR, checkpointed)
                                .getFloat();
                Map<String, double[]> actual = parameterGradients(n);
                assertEquals(checked, unchecked, 1e-6 * Math.abs(checked), "seed " + seed);
                for (String k : expected.keySet()) {
                    OperatorContract.assertRelative(
                            actual.get(k), expected.get(k), 1e-5, k + " (seed " + seed + ")");
                }
            }
        }
    }

    @Test
    void prepareFiniteChecksTheLayoutButReadsNoValues() {
        try (NDManager m = NDManager.newBaseManager()) {
            UnrolledAdmm n = net(RegularizerKind.SOFT_THRESHOLD, 2, "float64", m);
            NDArray y = batch(m, DataType.FLOAT64, Seeds.fresh())[0];
            double[] flat = y.toDoubleArray();
            flat[flat.length / 3] = Double.NaN;
            NDArray poisoned = m.create(flat, y.getShape());
            assertThrows(IllegalArgumentException.class, () -> n.checkFinite(poisoned));
            assertThrows(IllegalArgumentException.class, () -> n.prepare(poisoned));
            // the caller vouched for the values: no read, and the NaN flows into A^H y
            UnrolledAdmm.Prepared p = n.prepareFinite(poisoned);
            assertTrue(p.aty().hasNonFinite());
            n.checkFinite(y);
            assertThrows(
                    IllegalArgumentException.class,
                    () -> n.prepareFinite(m.zeros(new Shape(1, 2, 2, 4, 8, 7), DataType.FLOAT64)));
        }
    }

    @Test
    void wrongShapesGeometriesNanInputAndXStepsAreClearErrors() {
        try (NDManager m = NDManager.newBaseManager()) {
            UnrolledAdmm n = net(RegularizerKind.SOFT_THRESHOLD, 2, "float64", m);
            NDArray bad = m.zeros(new Shape(1, 2, 2, 4, 8, 7), DataType.FLOAT64);
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> n.prepare(bad));
            assertTrue(e.getMessage().contains("(B, 2, 2, 4, 8, 8)"), e.getMessage());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> n.prepare(m.zeros(n.inputShape(1), DataType.FLOAT32)));
            e =
                    assertThrows(
                            IllegalArgumentException.class,
                            () -> n.checkGeometry(Preset.SMALL.geometry()));
            assertTrue(e.getMessage().contains("small"), e.getMessage());
            n.checkGeometry(Preset.TINY.geometry());
            // NaN or Inf anywhere in a batch: refused before any stage runs
            for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
                NDArray y = batch(m, DataType.FLOAT64, 7)[0];
                double[] flat = y.toDoubleArray();
                flat[flat.length / 2 + 3] = v;
                NDArray poisoned = m.create(flat, y.getShape());
                e =
                        assertThrows(
                                IllegalArgumentException.class,
                                () ->
                                        n.forward(
                                                new ParameterStore(m, false),
                                                new NDList(poisoned),
                                                false));
                assertTrue(e.getMessage().contains("NaN or Inf"), e.getMessage());
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                GradientSteps.checkpointed(
                                        n,
                                        new ParameterStore(m, false),
                                        poisoned,
                                        batch(m, DataType.FLOAT64, 7)[1],
                                        Loss.l2Loss()));
            }
            Architecture exact =
                    Architecture.builder()
                            .optStages(2)
                            .optRegularizer(RegularizerKind.CNN)
                            .optSharedWeights(true)
                            .optXStep(XStepKind.EXACT)
                            .optCgIterations(1)
                            .optCnnDepth(2)
                            .optCnnWidth(2)
                            .optPrecision(Architecture.precisionById("float32"))
                            .build();
            assertThrows(
                    IllegalArgumentException.class,
                    () -> UnrolledAdmm.builder().setGeometry(TINY).setArchitecture(exact).build());
            assertEquals(exact, Architecture.fromJson(exact.toJson()));
        }
    }
}
