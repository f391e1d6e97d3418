package org.rfrecon.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.core.device.CudaGraph;
import org.rfrecon.core.testing.Seeds;
import org.rfrecon.unrolled.GradientSteps;
import org.rfrecon.unrolled.UnrolledAdmm;

/**
 * A replayed training step is the eager step: the same loss and gradients (through the full graph
 * and with checkpointing, for every regularizer, loss and precision a config can name), the same
 * again on every replay, one graph per batch shape, and a whole training run that ends with the
 * eager run's parameters. These need a GPU and rfrecon's CUDA-graph bridge (docs/gpu.md), so they
 * are skipped elsewhere (the CPU's refusals are in {@code CudaGraphTest} and {@code
 * TrainingSessionTest}); on the GPU machine they run with the JUnit console launcher (docs/gpu.md,
 * "CUDA graphs").
 */
@EnabledIf("graphsAvailable")
class GraphedReconstructorTest {

    private static final Loss LOSS = ComplexLosses.mse();

    @TempDir Path tmp;

    static boolean graphsAvailable() {
        return Engine.getInstance().getGpuCount() > 0
                && CudaGraph.unavailability(Device.gpu()).isEmpty();
    }

    private static TrainConfig config(boolean checkpointing) {
        return TinyConfigs.tiny(
                "{epochs: 2, train_count: 24, val_count: 4, stages: 3, cg_iterations: 3,"
                        + " cnn_width: 6, batch_size: 8, checkpointing: "
                        + checkpointing
                        + ", seed: "
                        + (Seeds.fresh() % 1_000_000)
                        + "}");
    }

    @Test
    void aReplayedStepHasTheEagerStepsLossAndGradients()
            throws IOException, MalformedModelException {
        for (boolean checkpointing : new boolean[] {false, true}) {
            TrainConfig c = config(checkpointing);
            try (NDManager m = NDManager.newBaseManager(Device.gpu());
                    InMemoryDataset data =
                            TrainingSession.heldOutSet(
                                    c.with(TinyConfigs.json("{val_count: 8}")), m)) {
                UnrolledAdmm net =
                        TrainingSession.initialisedNetwork(c, c.data().preset().geometry(), m);
                NDList[] xy = TrainingData.fixed(data).batch(0, new int[] {0, 1, 2, 3}, m);
                double eager = eagerStep(net, m, xy, LOSS, checkpointing);
                List<float[]> expected = gradients(net);
                try (GraphedReconstructor graphed =
                        new GraphedReconstructor(net, m, checkpointing)) {
                    ParameterGroup group = ParameterGroup.of(net);
                    List<float[]> first = null;
                    for (int replay = 0; replay < 3; replay++) {
                        group.zeroGradients(m);
                        double loss = graphed.accumulateGradients(xy[0], xy[1], LOSS);
                        assertEquals(eager, loss, 1e-5 * Math.abs(eager));
                        List<float[]> got = gradients(net);
                        assertClose(expected, got, 1e-4);
                        if (first == null) {
                            first = got;
                        } else {
                            for (int i = 0; i < got.size(); i++) {
                                assertArrayEquals(first.get(i), got.get(i), "replay " + replay);
                            }
                        }
                    }
                    // another batch shape is another graph; the first is kept
                    NDList[] three = TrainingData.fixed(data).batch(0, new int[] {4, 5, 6}, m);
                    graphed.accumulateGradients(three[0], three[1], LOSS);
                    assertEquals(2, graphed.recordedGraphs());
                    // replaced parameter arrays (a checkpoint loaded into the network) are
                    // recorded again, not read where they were
                    NDArray old = net.getParameters().get(0).getValue().getArray();
                    ByteArrayOutputStream saved = new ByteArrayOutputStream();
                    net.saveParameters(new DataOutputStream(saved));
                    net.loadParameters(
                            m, new DataInputStream(new ByteArrayInputStream(saved.toByteArray())));
                    CheckpointStore.collectGradientsAgain(net);
                    assertNotSame(old, net.getParameters().get(0).getValue().getArray());
                    group.zeroGradients(m);
                    double again = graphed.accumulateGradients(xy[0], xy[1], LOSS);
                    assertEquals(eager, again, 1e-5 * Math.abs(eager));
                    assertEquals(2, graphed.recordedGraphs());
                }
            }
        }
    }

    /**
     * Every network and loss a config can name records: no layer or loss copies a host scalar (a
     * capture refuses the copy), and each replay is its eager step.
     */
    @Test
    void everyRegularizerLossAndPrecisionReplaysAsItsEagerStep() throws IOException {
        List<String> networks =
                List.of(
                        "regularizer: 'soft-threshold'",
                        "regularizer: 'cnn', cnn_dilated: true",
                        "regularizer: 'threshold-cnn', cnn_mask: true",
                        "regularizer: 'threshold-cnn', shared_weights: true",
                        "regularizer: 'cnn', precision: 'float64'");
        for (String network : networks) {
            for (LossKind kind : LossKind.values()) {
                String what = network + ", loss " + kind.id();
                TrainConfig c =
                        TinyConfigs.tiny(
                                "{train_count: 8, val_count: 4, stages: 2, cg_iterations: 2,"
                                        + " cnn_width: 4, batch_size: 4, seed: "
                                        + (Seeds.fresh() % 1_000_000)
                                        + ", "
                                        + network
                                        + "}");
                Loss loss = kind.loss();
                try (NDManager m = NDManager.newBaseManager(Device.gpu());
                        InMemoryDataset data = TrainingSession.heldOutSet(c, m)) {
                    UnrolledAdmm net =
                            TrainingSession.initialisedNetwork(c, c.data().preset().geometry(), m);
                    NDList[] xy = TrainingData.fixed(data).batch(0, new int[] {0, 1, 2, 3}, m);
                    double eager = eagerStep(net, m, xy, loss, false);
                    List<float[]> expected = gradients(net);
                    try (GraphedReconstructor graphed = new GraphedReconstructor(net, m, false)) {
                        ParameterGroup.of(net).zeroGradients(m);
                        double replayed = graphed.accumulateGradients(xy[0], xy[1], loss);
                        assertEquals(eager, replayed, 1e-5 * Math.abs(eager), what);
                        assertClose(expected, gradients(net), 1e-4);
                    }
                }
            }
        }
    }

    /**
     * One eager step whose intermediate arrays are freed when it ends, as the trainer's are: a
     * step's autograd graph left alive would keep its nodes on the default stream.
     */
    private static double eagerStep(
            UnrolledAdmm net, NDManager m, NDList[] xy, Loss loss, boolean checkpointing) {
        NDArray y = xy[0].singletonOrThrow();
        NDArray t = xy[1].singletonOrThrow();
        try (NDManager step = m.newSubManager()) {
            y.tempAttach(step);
            t.tempAttach(step);
            ParameterStore ps = new ParameterStore(m, false);
            return checkpointing
                    ? GradientSteps.checkpointed(net, ps, y, t, loss)
                    : GradientSteps.full(net, ps, y, t, loss);
        }
    }

    @Test
    void aGraphedTrainingRunEndsWithTheEagerRunsParameters() throws IOException {
        TrainConfig c = config(false);
        List<float[]> eager = trainedParameters(c, false, tmp.resolve("eager"));
        List<float[]> graphed = trainedParameters(c, true, tmp.resolve("graphed"));
        assertClose(eager, graphed, 1e-3);
    }

    private static List<float[]> trainedParameters(TrainConfig c, boolean graphs, Path dir)
            throws IOException {
        try (TrainingSession s =
                TrainingSession.builder()
                        .setConfig(c)
                        .optDevice(Device.gpu())
                        .optCudaGraphs(graphs)
                        .setRunDirectory(dir)
                        .setMetrics(ToyReconstructions.NMSE_ONLY)
                        .build()) {
            s.run(false);
            List<float[]> out = new ArrayList<>();
            for (Pair<String, Parameter> p : s.network().getParameters()) {
                out.add(p.getValue().getArray().toType(DataType.FLOAT32, false).toFloatArray());
            }
            return out;
        }
    }

    private static List<float[]> gradients(UnrolledAdmm net) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            NDArray w = p.getValue().getArray();
            out.add(
                    w.getGradient()
                            .get(new NDIndex("..."))
                            .toType(DataType.FLOAT32, false)
                            .toFloatArray());
        }
        return out;
    }

    /** Every array of {@code actual} within {@code rel} of {@code expected} (relative 2-norm). */
    private static void assertClose(List<float[]> expected, List<float[]> actual, double rel) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            double num = 0;
            double den = 0;
            for (int k = 0; k < expected.get(i).length; k++) {
                double d = actual.get(i)[k] - expected.get(i)[k];
                num += d * d;
                den += (double) expected.get(i)[k] * expected.get(i)[k];
            }
            double err = Math.sqrt(num / Math.max(den, 1e-300));
            if (err > rel) {
                throw new AssertionError("array " + i + ": relative error " + err + " > " + rel);
            }
        }
    }
}
