package org.rfrecon.cli.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.operator.AbstractLinearOperator;
import org.rfrecon.core.operator.Kronecker2D;
import org.rfrecon.core.operator.Volume3D;
import org.rfrecon.core.prox.SoftThreshold;
import org.rfrecon.core.solver.Admm;
import org.rfrecon.core.solver.AdmmState;
import org.rfrecon.core.solver.CgXStep;
import org.rfrecon.core.solver.ConjugateGradients;
import org.rfrecon.core.solver.StoppingRule;
import org.rfrecon.training.ComplexLosses;
import org.rfrecon.unrolled.GradientSteps;
import org.rfrecon.unrolled.UnrolledAdmm;
import org.rfrecon.unrolled.regularizer.ConvStack;
import org.rfrecon.unrolled.regularizer.ResidualCnn;

/**
 * {@code rfrecon bench --count-ops}: where the native calls of an ADMM iteration and of a training
 * step go, counted with {@link OpCounts} on the CPU (the count is the same on a GPU: each call is
 * one dispatch there too). Parts:
 *
 * <ul>
 *   <li>the classical ADMM-l1 iteration (float32, no gradient: the native complex64 operator path)
 *       on the volume operator (tiny-3d: the same code path as volume-3d) and the 2D operator: one
 *       iteration = a 3-iteration solve minus a 2-iteration one; its x-step (one CG iteration with
 *       the carried normal product), the operator's forward and adjoint, and the soft threshold;
 *   <li>the training step of the unrolled network of {@link TrainStepCase} (small, K = 10, CNN of
 *       depth 3 and width 16, 3 CG iterations, batch 4, full graph): the whole step, its forward,
 *       one stage, the stage's x-step, the operator on the pair path (autograd recording), the CNN,
 *       and the backward (step minus forward).
 * </ul>
 */
public final class OpCountCase {

    private OpCountCase() {}

    /**
     * Counts every part; logs one line each and returns them as JSON ({@code part -> count}).
     *
     * @param preset the 2D preset of the training step and the 2D ADMM (e.g. small)
     */
    public static JsonObject run(String preset, Consumer<String> log) throws Exception {
        Map<String, OpCounts.Count> parts = new LinkedHashMap<>();
        Random rng = new Random(17);
        try (NDManager root = NDManager.newBaseManager()) {
            admmParts(parts, "volume (tiny-3d)", Preset.byName("tiny-3d").geometry(), root, rng);
            Geometry g = Preset.byName(preset).geometry();
            admmParts(parts, "2d (" + preset + ")", g, root, rng);
            trainParts(parts, g, root, rng);
        }
        JsonObject o = new JsonObject();
        parts.forEach(
                (k, v) -> {
                    log.accept(
                            String.format(
                                    Locale.ROOT,
                                    "ops: %-58s %6d calls %6d kernels %6d views",
                                    k,
                                    v.calls(),
                                    v.kernels(),
                                    v.views()));
                    o.add(k, v.toJson());
                });
        return o;
    }

    private static void admmParts(
            Map<String, OpCounts.Count> parts, String label, Geometry g, NDManager root, Random rng)
            throws Exception {
        try (NDManager m = root.newSubManager()) {
            AbstractLinearOperator op =
                    g.isVolume()
                            ? Volume3D.of(g, m, DataType.FLOAT32)
                            : Kronecker2D.of(g, m, DataType.FLOAT32);
            ComplexTensor x =
                    stacked(ComplexTensor.randomNormal(m, op.domainShape(), DataType.FLOAT32, rng));
            ComplexTensor y = op.forward(x);
            double lambda = 0.05;
            parts.put(
                    label + " operator forward (native)", OpCounts.of(() -> op.forward(x).close()));
            parts.put(
                    label + " operator adjoint (native)", OpCounts.of(() -> op.adjoint(y).close()));
            CgXStep cg = new CgXStep(op, StoppingRule.fixed(1));
            NDArray rho = m.ones(new Shape(), DataType.FLOAT32);
            ComplexTensor nx = op.normal(x);
            ComplexTensor aty = op.adjoint(y);
            parts.put(
                    label + " ADMM x-step (1 CG iteration, carried A^H A x)",
                    OpCounts.of(
                            () -> {
                                try (ConjugateGradients.Shifted r =
                                        cg.solveShifted(aty, rho, x, nx)) {
                                    r.x();
                                }
                            }));
            SoftThreshold prox = new SoftThreshold(lambda);
            parts.put(
                    label + " ADMM z-step (soft threshold)",
                    OpCounts.of(() -> prox.prox(x, 1.0).close()));
            for (boolean compiled : new boolean[] {false, true}) {
                OpCounts.Count[] solves = new OpCounts.Count[2];
                Admm admm = null;
                for (int k = 0; k < 2; k++) {
                    Admm a =
                            Admm.builder()
                                    .setOperator(op)
                                    .setProx(prox)
                                    .optRho(1.0)
                                    .optXStep(new CgXStep(op, StoppingRule.fixed(1)))
                                    .optStoppingRule(StoppingRule.fixed(2 + k))
                                    .optCompiled(compiled)
                                    .build();
                    a.solve(y).close(); // a compiled program compiles on its first call
                    solves[k] = OpCounts.of(() -> a.solve(y).close());
                    admm = a;
                }
                if (compiled && !admm.compiled()) {
                    continue; // no program for this operator: the row above is the solve
                }
                parts.put(
                        label
                                + " ADMM iteration (whole, "
                                + (compiled ? "compiled" : "Java loop")
                                + ")",
                        solves[1].minus(solves[0]));
            }
        }
    }

    private static ComplexTensor stacked(ComplexTensor t) {
        return ComplexTensor.ofStacked(t.asStacked());
    }

    private static void trainParts(
            Map<String, OpCounts.Count> parts, Geometry g, NDManager root, Random rng)
            throws Exception {
        int batch = TrainStepCase.BATCH;
        try (NDManager m = root.newSubManager()) {
            UnrolledAdmm net = TrainStepCase.network(g, TrainStepCase.STAGES, m, batch);
            Kronecker2D op = Kronecker2D.of(g, m, DataType.FLOAT32);
            // stacked, as the solvers' vectors and the operators' results are
            ComplexTensor x =
                    stacked(
                            ComplexTensor.randomNormal(
                                    m,
                                    new Shape(batch).addAll(g.sceneShape()),
                                    DataType.FLOAT32,
                                    rng));
            ComplexTensor y = op.forward(x);
            NDArray yc = y.stackChannels(1);
            NDArray xc = x.stackChannels(1);
            ParameterStore ps = new ParameterStore(m, false);
            Loss loss = ComplexLosses.mse();
            GradientSteps.full(net, ps, yc, xc, loss); // warm: parameters fetched, factors built
            String t = "train step (" + g.preset() + ", K=10, batch 4)";
            OpCounts.Count step = OpCounts.of(() -> GradientSteps.full(net, ps, yc, xc, loss));
            parts.put(t + " whole, full graph", step);
            OpCounts.Count[] fwd = new OpCounts.Count[1];
            OpCounts.Count[] stage = new OpCounts.Count[1];
            OpCounts.Count[] xstep = new OpCounts.Count[1];
            try (NDManager s = m.newSubManager();
                    GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                fwd[0] =
                        OpCounts.of(
                                () ->
                                        loss.evaluate(
                                                new NDList(xc),
                                                net.forward(ps, new NDList(yc), true)));
                UnrolledAdmm.Prepared p = net.prepare(yc);
                AdmmState s0 = net.initialState(p);
                AdmmState s1 = net.stage(ps, p, 0, s0, true);
                stage[0] = OpCounts.of(() -> net.stage(ps, p, 1, s1, true));
                NDArray rho = m.ones(new Shape(), DataType.FLOAT32);
                xstep[0] = OpCounts.of(() -> p.xStep().solve(p.aty(), rho, s1.x()));
                op.adjoint(op.forward(x)); // builds the block factors on first use
                parts.put(
                        t + " operator forward (pairs, autograd)",
                        OpCounts.of(() -> op.forward(x)));
                parts.put(
                        t + " operator adjoint (pairs, autograd)",
                        OpCounts.of(() -> op.adjoint(y)));
                ResidualCnn cnn =
                        new ResidualCnn(1, true, new ConvStack(3, 16, false, false), Double.NaN);
                cnn.initialize(m, DataType.FLOAT32, new Shape(batch, 2).addAll(g.sceneShape()));
                ParameterStore ps2 = new ParameterStore(m, false);
                cnn.correction(ps2, 0, x, true);
                parts.put(
                        t + " CNN correction (depth 3, width 16)",
                        OpCounts.of(() -> cnn.correction(ps2, 0, x, true)));
            }
            parts.put(t + " forward", fwd[0]);
            parts.put(t + " backward (whole - forward)", step.minus(fwd[0]));
            parts.put(t + " one stage", stage[0]);
            parts.put(t + " one stage's x-step (3 CG iterations)", xstep[0]);
        }
    }
}
