package org.rfrecon.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.loss.Loss;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Steps with a non-finite loss or gradient are skipped; several in a row stop the run clearly. */
class DivergenceGuardTest {

    @TempDir Path tmp;

    /** The toy network, whose gradients are NaN on the given (1-based) calls. */
    private static final class Poisoned implements Reconstructor {
        private final ToyReconstructions.Network inner;
        private final Set<Integer> poisonedCalls;
        private int calls;

        Poisoned(NDManager m, Set<Integer> poisonedCalls) {
            this.inner = new ToyReconstructions.Network(m);
            this.poisonedCalls = poisonedCalls;
        }

        @Override
        public ai.djl.nn.Block block() {
            return inner.block();
        }

        @Override
        public NDList reconstruct(NDList measurements) {
            return inner.reconstruct(measurements);
        }

        @Override
        public double accumulateGradients(NDList measurements, NDList truth, Loss loss) {
            double value = inner.accumulateGradients(measurements, truth, loss);
            if (poisonedCalls.contains(++calls)) {
                NDArray g = inner.block().getParameters().valueAt(0).getArray().getGradient();
                g.divi(0).muli(0); // 0/0 and x/0 * 0: NaN everywhere
            }
            return value;
        }

        double[] weights() {
            return inner.block()
                    .getParameters()
                    .valueAt(0)
                    .getArray()
                    .toType(ai.djl.ndarray.types.DataType.FLOAT64, false)
                    .toDoubleArray();
        }
    }

    private ReconTrainer trainer(Reconstructor net, NDManager m, int epochs) {
        return ReconTrainer.builder()
                .setConfig(
                        TinyConfigs.tiny(
                                "{epochs: " + epochs + ", batch_size: 4, learning_rate: 0.02}"))
                .setNetwork(net)
                .setData(
                        new ToyReconstructions.Scenes(12, 1, m),
                        new ToyReconstructions.Scenes(4, 2, m))
                .setMetrics(ToyReconstructions.NMSE_ONLY)
                .setRunDirectory(tmp)
                .build();
    }

    @Test
    void aSkippedNanStepLeavesTheParametersFiniteAndTrainingGoesOn() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Poisoned net = new Poisoned(m, Set.of(2));
            TrainingState end = trainer(net, m, 2).fit(m, false).state();
            assertEquals(2, end.epoch());
            for (double w : net.weights()) {
                assertTrue(Double.isFinite(w), "a NaN gradient reached the parameters");
            }
            assertTrue(Double.isFinite(end.bestValidation()));
        }
    }

    @Test
    void nonFiniteStepsInARowStopWithAClearErrorAndNoCheckpoint() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Poisoned net = new Poisoned(m, Set.of(1, 2, 3));
            double[] before = net.weights();
            ReconTrainer t = trainer(net, m, 2);
            TrainingDivergedException e =
                    assertThrows(TrainingDivergedException.class, () -> t.fit(m, false));
            assertTrue(e.getMessage().contains("learning_rate"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertArrayEquals(before, net.weights(), "skipped steps must not move the weights");
            assertFalse(t.checkpoints().exists(CheckpointStore.LAST));
        }
    }
}
