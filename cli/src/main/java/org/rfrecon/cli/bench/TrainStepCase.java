package org.rfrecon.cli.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.device.GradMode;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.operator.Operators;
import org.rfrecon.training.ComplexLosses;
import org.rfrecon.training.GraphedReconstructor;
import org.rfrecon.unrolled.Architecture;
import org.rfrecon.unrolled.GradientSteps;
import org.rfrecon.unrolled.UnrolledAdmm;

/**
 * One training step (forward, loss, backward) of the K-stage unrolled ADMM network (CNN regularizer
 * of depth 3 and width 16, CG x-step of 3 iterations, float32, batch 4), through the full autograd
 * graph or with per-stage checkpointing ({@link GradientSteps}). 2D presets, on GPUs (on the CPU
 * only with {@code -Drfrecon.bench.train=true}: a step takes seconds to minutes on two cores). The
 * flop column is 0: not counted. On a GPU the peak column is the device memory the step took
 * (PyTorch's caching allocator keeps its peak).
 */
final class TrainStepCase {

    /** Unrolled stages K of the default rows. */
    static final int STAGES = 10;

    /** Samples per step. */
    static final int BATCH = 4;

    private TrainStepCase() {}

    /** Times one K = 10 step ({@code train-step-full} or {@code -checkpointed}). */
    static BenchRow run(BenchContext ctx, Geometry g, boolean checkpointed) throws Exception {
        return run(
                ctx,
                g,
                STAGES,
                checkpointed,
                checkpointed ? "train-step-checkpointed" : "train-step-full");
    }

    /**
     * The network every training-step case measures: K stages, CNN regularizer (depth 3, width 16),
     * 3 CG iterations, float32, initialised in {@code m} for batches of {@code batch}.
     */
    static UnrolledAdmm network(Geometry g, int stages, NDManager m, int batch) {
        Architecture a =
                Architecture.builder()
                        .optStages(stages)
                        .optRegularizer(Architecture.RegularizerKind.CNN)
                        .optSharedWeights(false)
                        .optXStep(Architecture.XStepKind.CG)
                        .optCgIterations(3)
                        .optCnnDepth(3)
                        .optCnnWidth(16)
                        .optPrecision(Architecture.precisionById("float32"))
                        .build();
        UnrolledAdmm net = UnrolledAdmm.builder().setGeometry(g).setArchitecture(a).build();
        net.initialize(m, DataType.FLOAT32, net.inputShape(batch));
        return net;
    }

    /**
     * Times the forward pass of a K = 10 step alone, with the loss and without a backward: under a
     * gradient collector ({@code train-forward-recorded}, what the full graph's step records and a
     * checkpointed step recomputes) or with autograd off ({@code train-forward-no-grad}, a
     * checkpointed step's first pass). With the step rows they split a step's time into its passes.
     */
    static BenchRow forward(BenchContext ctx, Geometry g, boolean recorded) throws Exception {
        return timed(
                ctx,
                g,
                STAGES,
                recorded ? "train-forward-recorded" : "train-forward-no-grad",
                (net, ps, y, truth, loss) -> forwardLoss(net, ps, y, truth, loss, recorded));
    }

    private static double forwardLoss(
            UnrolledAdmm net, ParameterStore ps, NDArray y, NDArray truth, Loss loss, boolean rec) {
        try (AutoCloseable mode =
                rec ? Engine.getInstance().newGradientCollector() : GradMode.disabled()) {
            NDArray out = net.forward(ps, new NDList(y), true).singletonOrThrow();
            return Scalars.value(loss.evaluate(new NDList(truth), new NDList(out)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Times one step of a fresh K-stage network on random measurements of random scenes. */
    static BenchRow run(BenchContext ctx, Geometry g, int stages, boolean checkpointed, String name)
            throws Exception {
        return timed(ctx, g, stages, name, eagerStep(checkpointed));
    }

    /** One eager training step, through the full graph or checkpointed. */
    private static Pass eagerStep(boolean checkpointed) {
        return checkpointed ? GradientSteps::checkpointed : GradientSteps::full;
    }

    /**
     * The same K = 10 step replayed as a CUDA graph ({@code train-step-graphed-full} or {@code
     * -checkpointed}, {@link GraphedReconstructor}), where rfrecon's CUDA-graph bridge is loaded.
     * Its {@code nmse_db} is the error of the graphed step's parameter gradients against the eager
     * step's on the same batch and parameters (all gradients as one vector), so the row shows that
     * the replay computes the same step.
     */
    static BenchRow graphed(BenchContext ctx, Geometry g, boolean checkpointed) throws Exception {
        String name = checkpointed ? "train-step-graphed-checkpointed" : "train-step-graphed-full";
        BenchContext.MemoryMark base = ctx.memoryBegin();
        try (NDManager m = ctx.manager().newSubManager()) {
            Fixture f = Fixture.of(ctx, g, STAGES, m);
            try (GraphedReconstructor graphed =
                    new GraphedReconstructor(f.net(), m, checkpointed)) {
                // the eager reference step in its own manager, as every timed pass: an autograd
                // graph left alive keeps its gradient nodes on the default stream, which a
                // capture on the graph's side stream cannot wait on
                f.once(eagerStep(checkpointed));
                NDList eager = gradients(f.net());
                zeroGradients(f.net());
                graphed.accumulateGradients(new NDList(f.y()), new NDList(f.truth()), f.loss());
                double db = relativeErrorDb(gradients(f.net()), eager);
                return f.row(
                                ctx,
                                name,
                                base,
                                (net, ps, y, truth, loss) ->
                                        graphed.accumulateGradients(
                                                new NDList(y), new NDList(truth), loss))
                        .withNmseDb(db);
            }
        }
    }

    /** Copies of the parameters' gradients, in the network's order. */
    private static NDList gradients(UnrolledAdmm net) {
        NDList out = new NDList();
        net.getParameters()
                .forEach(
                        p -> {
                            NDArray w = p.getValue().getArray();
                            if (w.hasGradient()) {
                                out.add(w.getGradient().duplicate());
                            }
                        });
        return out;
    }

    private static void zeroGradients(UnrolledAdmm net) {
        net.getParameters()
                .forEach(
                        p -> {
                            NDArray w = p.getValue().getArray();
                            if (w.hasGradient()) {
                                NDArray grad = w.getGradient();
                                grad.subi(grad);
                            }
                        });
    }

    /** The {@code nmse_db} of gradients equal bit for bit. */
    static final double NMSE_FLOOR_DB = -300;

    /**
     * {@code 10 log10(sum ||a_i - r_i||^2 / sum ||r_i||^2)}, in float64, at least {@link
     * #NMSE_FLOOR_DB}.
     */
    private static double relativeErrorDb(NDList a, NDList r) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < r.size(); i++) {
            NDArray ri = r.get(i).toType(DataType.FLOAT64, false);
            NDArray ai = a.get(i).toType(DataType.FLOAT64, false);
            num += ai.sub(ri).square().sum().getDouble();
            den += ri.square().sum().getDouble();
        }
        // bit-identical gradients (num = 0) read as the floor, not as -Infinity, which JSON lacks
        return Math.max(NMSE_FLOOR_DB, 10 * Math.log10(num / den));
    }

    /** What a row times: one pass of a network on one batch, returning its loss. */
    @FunctionalInterface
    private interface Pass {
        double run(UnrolledAdmm net, ParameterStore ps, NDArray y, NDArray truth, Loss loss);
    }

    /** Times {@code pass} on a fresh K-stage network and random measurements of random scenes. */
    private static BenchRow timed(BenchContext ctx, Geometry g, int stages, String name, Pass pass)
            throws Exception {
        BenchContext.MemoryMark base = ctx.memoryBegin();
        try (NDManager m = ctx.manager().newSubManager()) {
            return Fixture.of(ctx, g, stages, m).row(ctx, name, base, pass);
        }
    }

    /**
     * What a training-step row runs on: a fresh K-stage network and one batch of random scenes with
     * their measurements, owned by {@code m}.
     */
    private record Fixture(
            NDManager m, UnrolledAdmm net, NDArray y, NDArray truth, ParameterStore ps, Loss loss) {

        static Fixture of(BenchContext ctx, Geometry g, int stages, NDManager m) {
            UnrolledAdmm net = TrainStepCase.network(g, stages, m, BATCH);
            ComplexTensor x =
                    ComplexTensor.randomNormal(
                            m,
                            new Shape(BATCH).addAll(g.sceneShape()),
                            DataType.FLOAT32,
                            ctx.rng());
            NDArray yc = Operators.fresnel(g, m, DataType.FLOAT32).forward(x).stackChannels(1);
            return new Fixture(
                    m,
                    net,
                    yc,
                    x.stackChannels(1),
                    new ParameterStore(m, false),
                    ComplexLosses.mse());
        }

        /** Times {@code pass} on the fixture (row {@code name}, memory from {@code base}). */
        BenchRow row(BenchContext ctx, String name, BenchContext.MemoryMark base, Pass pass)
                throws Exception {
            return ctx.slow().row(name, () -> m.create((float) once(pass)), 0, 0, base);
        }

        /**
         * One {@code pass} on the batch in a manager of its own, as the trainer runs a step: its
         * arrays are freed when it ends instead of piling up. Returns its loss.
         */
        double once(Pass pass) {
            try (NDManager step = m.newSubManager()) {
                y.tempAttach(step);
                truth.tempAttach(step);
                return pass.run(net, ps, y, truth, loss);
            }
        }
    }
}
