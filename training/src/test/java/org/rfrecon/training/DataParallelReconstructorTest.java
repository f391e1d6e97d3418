package org.rfrecon.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.training.dataset.Record;
import ai.djl.translate.Batchifier;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.testing.OperatorContract;
import org.rfrecon.unrolled.UnrolledAdmm;

/**
 * Data-parallel training: on one device it is the single-device path bit for bit; over several
 * replicas (here three on the CPU, the same split, copy and reduction code as GPUs) a split batch
 * gives the full batch's loss and gradient in float64, and a run resumed on another number of
 * devices ends where the uninterrupted run ends.
 */
class DataParallelReconstructorTest {

    private static final Geometry TINY = Preset.TINY.geometry();

    @TempDir Path tmp;

    private static TrainConfig config(boolean checkpointing) {
        return TinyConfigs.tiny(
                "{val_count: 6, stages: 2, cg_iterations: 2, cnn_depth: 2, cnn_width: 3,"
                        + " batch_size: 4, epochs: 2, learning_rate: 0.01, precision: 'float64',"
                        + " checkpointing: "
                        + checkpointing
                        + "}");
    }

    private static Reconstructor reconstructor(
            UnrolledAdmm net, NDManager m, int replicas, boolean checkpointing) {
        return replicas == 0
                ? new UnrolledReconstructor(net, m, checkpointing)
                : new DataParallelReconstructor(
                        net, Collections.nCopies(replicas, Device.cpu()), checkpointing);
    }

    private static Map<String, double[]> parameters(UnrolledAdmm net, boolean gradients) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : net.getParameters()) {
            NDArray a = p.getValue().getArray();
            out.put(p.getKey(), (gradients ? a.getGradient() : a).toDoubleArray());
        }
        return out;
    }

    private static void zeroGradients(UnrolledAdmm net) {
        for (Pair<String, Parameter> p : net.getParameters()) {
            NDArray w = p.getValue().getArray();
            if (w.hasGradient()) {
                w.getGradient().subi(w.getGradient());
            }
        }
    }

    /** Trains on the held-out set of tiny (6 scenes: steps of 4 and 2) and returns the network. */
    private UnrolledAdmm train(
            TrainConfig c, NDManager m, InMemoryDataset data, int replicas, String dir, long steps)
            throws IOException {
        UnrolledAdmm net = TrainingSession.initialisedNetwork(c, TINY, m);
        trainer(c, m, data, net, replicas, dir, steps).fit(m, false);
        return net;
    }

    private ReconTrainer trainer(
            TrainConfig c,
            NDManager m,
            InMemoryDataset data,
            UnrolledAdmm net,
            int replicas,
            String dir,
            long steps) {
        return ReconTrainer.builder()
                .setConfig(c)
                .setNetwork(reconstructor(net, m, replicas, c.optimisation().checkpointing()))
                .setData(data, data)
                .setMetrics(ToyReconstructions.NMSE_ONLY)
                .setRunDirectory(tmp.resolve(dir))
                .optMaxGlobalSteps(steps)
                .build();
    }

    @Test
    void oneDeviceIsBitIdenticalToTheSingleDevicePath() throws IOException {
        for (boolean checkpointing : new boolean[] {true, false}) {
            TrainConfig c = config(checkpointing);
            try (NDManager m = NDManager.newBaseManager()) {
                InMemoryDataset data = TrainingSession.heldOutSet(c, m);
                UnrolledAdmm single = train(c, m, data, 0, "single-" + checkpointing, 3);
                UnrolledAdmm parallel = train(c, m, data, 1, "parallel-" + checkpointing, 3);
                Map<String, double[]> a = parameters(single, false);
                Map<String, double[]> b = parameters(parallel, false);
                assertEquals(a.keySet(), b.keySet());
                for (String k : a.keySet()) {
                    assertArrayEquals(
                            a.get(k), b.get(k), 0.0, k + ", checkpointing " + checkpointing);
                }
            }
        }
    }

    @Test
    void splitBatchGivesTheFullBatchLossGradientAndReconstruction() throws IOException {
        assertArrayEquals(new long[] {2, 2, 1}, DataParallelReconstructor.sliceSizes(5, 3));
        assertArrayEquals(new long[] {2, 2, 1}, DataParallelReconstructor.sliceSizes(5, 4));
        assertArrayEquals(new long[] {3}, DataParallelReconstructor.sliceSizes(3, 1));
        for (boolean checkpointing : new boolean[] {true, false}) {
            TrainConfig c = config(checkpointing);
            try (NDManager m = NDManager.newBaseManager()) {
                InMemoryDataset data = TrainingSession.heldOutSet(c, m);
                NDList[] y = new NDList[5];
                NDList[] x = new NDList[5];
                for (int i = 0; i < 5; i++) {
                    Record r = data.get(m, i);
                    y[i] = r.getData();
                    x[i] = r.getLabels();
                }
                NDList ys = Batchifier.STACK.batchify(y);
                NDList xs = Batchifier.STACK.batchify(x);
                UnrolledAdmm net = TrainingSession.initialisedNetwork(c, TINY, m);
                Reconstructor one = reconstructor(net, m, 0, checkpointing);
                Reconstructor three = reconstructor(net, m, 3, checkpointing);
                zeroGradients(net);
                double full = one.accumulateGradients(ys, xs, ComplexLosses.nmse());
                Map<String, double[]> expected = parameters(net, true);
                zeroGradients(net);
                double split = three.accumulateGradients(ys, xs, ComplexLosses.nmse());
                Map<String, double[]> combined = parameters(net, true);
                String what = "checkpointing " + checkpointing;
                assertEquals(full, split, 1e-12 * Math.abs(full), "loss, " + what);
                for (String k : expected.keySet()) {
                    OperatorContract.assertRelative(
                            combined.get(k), expected.get(k), 1e-10, k + ", " + what);
                }
                double[] whole = one.reconstruct(ys).singletonOrThrow().toDoubleArray();
                double[] parts = three.reconstruct(ys).singletonOrThrow().toDoubleArray();
                OperatorContract.assertRelative(parts, whole, 1e-12, "reconstruction, " + what);
            }
        }
    }

    @Test
    void runOnThreeReplicasResumedOnOneDeviceEndsWhereTheUninterruptedRunEnds() throws IOException {
        TrainConfig c = config(true);
        try (NDManager m = NDManager.newBaseManager()) {
            InMemoryDataset data = TrainingSession.heldOutSet(c, m);
            UnrolledAdmm straight = train(c, m, data, 3, "straight", Long.MAX_VALUE);
            train(c, m, data, 3, "killed", 3); // the checkpoint of epoch 1, one step of epoch 2
            UnrolledAdmm resumed = TrainingSession.initialisedNetwork(c, TINY, m);
            TrainingState end =
                    trainer(c, m, data, resumed, 0, "killed", Long.MAX_VALUE).fit(m, true).state();
            assertEquals(2, end.epoch());
            assertEquals(4, end.globalStep());
            Map<String, double[]> a = parameters(straight, false);
            Map<String, double[]> b = parameters(resumed, false);
            for (String k : a.keySet()) {
                OperatorContract.assertRelative(b.get(k), a.get(k), 1e-10, k);
            }
            assertEquals(DataType.FLOAT64, resumed.dataType());
        }
    }

    @Test
    void sessionOverTwoReplicasTrainsAsOneDeviceDoes() throws IOException {
        TrainConfig c =
                config(true).with(TinyConfigs.json("{train_count: 6, val_count: 4, epochs: 1}"));
        Map<String, double[]> one;
        try (TrainingSession s =
                TrainingSession.builder()
                        .setConfig(c)
                        .optDevice(Device.cpu())
                        .setRunDirectory(tmp.resolve("one"))
                        .setMetrics(ToyReconstructions.NMSE_ONLY)
                        .build()) {
            s.run(false);
            one = parameters(s.network(), false);
        }
        try (TrainingSession s =
                TrainingSession.builder()
                        .setConfig(c)
                        .optDevices(List.of(Device.cpu(), Device.cpu()))
                        .setRunDirectory(tmp.resolve("two"))
                        .setMetrics(ToyReconstructions.NMSE_ONLY)
                        .build()) {
            TrainingSummary summary = s.run(false);
            assertEquals(1, summary.epochs());
            Map<String, double[]> two = parameters(s.network(), false);
            for (String k : one.keySet()) {
                OperatorContract.assertRelative(two.get(k), one.get(k), 1e-10, k);
            }
        }
    }
}
