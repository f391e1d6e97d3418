package org.rfrecon.unrolled;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rfrecon.core.testing.FreshDraws;
import org.rfrecon.core.testing.OperatorContract;
import org.rfrecon.unrolled.Architecture.RegularizerKind;

/**
 * Gradients do not change when the JVM collects garbage between forward and backward. On the CPU,
 * DJL backs {@code create}d arrays with Java buffers; a scalar that autograd keeps must live in
 * PyTorch's memory instead (core's {@code Scalars.constant}), or backward reads freed memory.
 */
@ExtendWith(FreshDraws.class)
class GarbageCollectionTest {

    @EveryRegularizer
    void aCollectionBetweenForwardAndBackwardLeavesTheGradientsAlone(
            RegularizerKind reg, Random rng, NDManager m) {
        UnrolledAdmm n = UnrolledAdmmTest.net(reg, 2, "float64", m);
        NDArray[] yx = UnrolledAdmmTest.batch(m, DataType.FLOAT64, rng);
        Map<String, double[]> quiet = gradients(n, m, yx[0], yx[1], false);
        Map<String, double[]> collected = gradients(n, m, yx[0], yx[1], true);
        for (String k : quiet.keySet()) {
            OperatorContract.assertRelative(collected.get(k), quiet.get(k), 1e-12, reg + " " + k);
        }
    }

    private static Map<String, double[]> gradients(
            UnrolledAdmm n, NDManager m, NDArray y, NDArray x, boolean collect) {
        UnrolledAdmmTest.zero(n);
        try (GradientCollector gc = m.getEngine().newGradientCollector()) {
            NDArray out = n.forward(new ParameterStore(m, false), new NDList(y), true).head();
            NDArray loss = UnrolledAdmmTest.SQUARED_ERROR.evaluate(new NDList(x), new NDList(out));
            if (collect) {
                churnDirectMemory();
            }
            gc.backward(loss);
        }
        return UnrolledAdmmTest.parameterGradients(n);
    }

    /** Frees unreachable direct buffers and reuses their memory with other values. */
    private static void churnDirectMemory() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            List<ByteBuffer> junk = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(8);
                b.putDouble(0, 1e300);
                junk.add(b);
            }
            junk.clear();
        }
    }
}
