package org.rfrecon.unrolled;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rfrecon.core.device.GradMode;
import org.rfrecon.core.testing.FreshDraws;
import org.rfrecon.core.testing.OperatorContract;
import org.rfrecon.unrolled.Architecture.RegularizerKind;

/**
 * A sample's reconstruction does not depend on the other samples of its batch: the CG x-step takes
 * one step length per sample, so batched inference over a dataset equals inference file by file.
 */
@ExtendWith(FreshDraws.class)
class BatchIndependenceTest {

    @EveryRegularizer
    void eachSampleOfABatchIsReconstructedAsIfAlone(RegularizerKind reg, Random rng, NDManager m) {
        UnrolledAdmm n = UnrolledAdmmTest.net(reg, 3, "float64", m);
        NDArray y = UnrolledAdmmTest.batch(m, n.dataType(), rng)[0];
        NDArray together = forward(n, m, y);
        for (int i = 0; i < 2; i++) {
            NDArray alone = forward(n, m, y.get(new NDIndex(i + ":" + (i + 1))));
            double[] got = together.get(new NDIndex(i + ":" + (i + 1))).toDoubleArray();
            OperatorContract.assertRelative(
                    got, alone.toDoubleArray(), 1e-12, reg + " sample " + i);
            assertTrue(alone.abs().max().getDouble() > 0, "a zero output proves nothing");
        }
    }

    private static NDArray forward(UnrolledAdmm n, NDManager m, NDArray y) {
        try (GradMode noGrad = GradMode.disabled()) {
            return n.forward(new ParameterStore(m, false), new NDList(y), false).singletonOrThrow();
        }
    }
}
