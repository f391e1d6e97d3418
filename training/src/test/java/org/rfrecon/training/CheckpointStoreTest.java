package org.rfrecon.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints restore parameters, optimizer and state exactly, and refuse corruption. */
class CheckpointStoreTest {

    @TempDir Path tmp;

    private static Block block(NDManager m) {
        Block b = Linear.builder().setUnits(2).build();
        b.setInitializer(new NormalInitializer(), Parameter.Type.WEIGHT);
        b.initialize(m, DataType.FLOAT32, new Shape(1, 3));
        return b;
    }

    /** One optimizer step of a toy loss sum(W x)^2, with gradients from autograd. */
    private static void step(Block b, ResumableAdam opt, NDManager m) {
        NDArray x = m.create(new float[] {1, -2, 0.5f}, new Shape(1, 3));
        try (var gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
            NDArray y =
                    b.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
            gc.backward(y.square().sum());
        }
        for (Pair<String, Parameter> p : b.getParameters()) {
            NDArray w = p.getValue().getArray();
            NDArray g = w.getGradient();
            opt.update(p.getValue().getId(), w, g);
            g.subi(g); // gradients accumulate across collectors: clear them as a trainer does
        }
    }

    @Test
    void resumedRunEqualsUninterruptedRun() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Block a = block(m);
            Block b = block(m);
            b.getParameters()
                    .forEach(
                            p ->
                                    p.getValue()
                                            .getArray()
                                            .set(
                                                    a.getParameters()
                                                            .get(p.getKey())
                                                            .getArray()
                                                            .toFloatArray()));
            ResumableAdam oa =
                    ResumableAdam.builder().optLearningRateTracker(Tracker.fixed(0.1f)).build();
            for (int k = 0; k < 6; k++) {
                step(a, oa, m);
            }
            ResumableAdam ob =
                    ResumableAdam.builder().optLearningRateTracker(Tracker.fixed(0.1f)).build();
            for (int k = 0; k < 3; k++) {
                step(b, ob, m);
            }
            CheckpointStore store = new CheckpointStore(tmp);
            TrainingState st = new TrainingState(1, 3, 3, 0.5, 7);
            store.save(CheckpointStore.LAST, b, ob, st, List.of(), TrainConfig.defaults("tiny"), m);
            Block c = Linear.builder().setUnits(2).build();
            c.initialize(m, DataType.FLOAT32, new Shape(1, 3));
            ResumableAdam oc =
                    ResumableAdam.builder().optLearningRateTracker(Tracker.fixed(0.1f)).build();
            CheckpointStore.Loaded loaded =
                    store.load(CheckpointStore.LAST, c, oc, m).orElseThrow();
            assertEquals(st, loaded.state());
            assertEquals(TrainConfig.defaults("tiny"), loaded.config());
            for (int k = 0; k < 3; k++) {
                step(c, oc, m);
            }
            for (Pair<String, Parameter> p : a.getParameters()) {
                assertArrayEquals(
                        p.getValue().getArray().toFloatArray(),
                        c.getParameters().get(p.getKey()).getArray().toFloatArray(),
                        p.getKey());
            }
        }
    }

    @Test
    void corruptedCheckpointIsAClearErrorAndMissingIsEmpty() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            CheckpointStore store = new CheckpointStore(tmp);
            ResumableAdam opt = ResumableAdam.builder().build();
            assertTrue(store.load(CheckpointStore.BEST, block(m), opt, m).isEmpty());
            Block b = block(m);
            step(b, opt, m);
            store.save(
                    CheckpointStore.LAST,
                    b,
                    opt,
                    TrainingState.start(1),
                    List.of(),
                    TrainConfig.defaults("tiny"),
                    m);
            Path params = store.directory(CheckpointStore.LAST).resolve("parameters.params");
            byte[] bytes = Files.readAllBytes(params);
            bytes[bytes.length / 2] ^= 0x40;
            Files.write(params, bytes);
            IOException e =
                    assertThrows(
                            IOException.class,
                            () ->
                                    store.load(
                                            CheckpointStore.LAST,
                                            block(m),
                                            ResumableAdam.builder().build(),
                                            m));
            assertTrue(e.getMessage().contains("parameters.params"), e.getMessage());
        }
    }
}
