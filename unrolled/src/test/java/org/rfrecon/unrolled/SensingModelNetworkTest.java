package org.rfrecon.unrolled;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.device.GradMode;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.geometry.SensingFactors;
import org.rfrecon.core.operator.Operators;
import org.rfrecon.core.physics.SensingModel;
import org.rfrecon.unrolled.Architecture.RegularizerKind;
import org.rfrecon.unrolled.Architecture.XStepKind;

/**
 * The network runs on whatever sensing model it is given: stored factors give bit for bit the
 * output of the geometry-built network, pairs spread over devices ({@code PairSharded}) the same to
 * rounding, and a wrapped operator works too. A model the network built is freed by {@link
 * UnrolledAdmm#close}.
 */
class SensingModelNetworkTest {

    private static final Geometry TINY = Preset.TINY.geometry();
    private static final Architecture ARCH =
            Architecture.builder()
                    .optStages(3)
                    .optRegularizer(RegularizerKind.SOFT_THRESHOLD)
                    .optSharedWeights(false)
                    .optXStep(XStepKind.CG)
                    .optCgIterations(3)
                    .optCnnDepth(2)
                    .optCnnWidth(3)
                    .optPrecision(Architecture.precisionById("float64"))
                    .build();

    private static UnrolledAdmm.Builder builder() {
        return UnrolledAdmm.builder().setArchitecture(ARCH);
    }

    private static double[] run(UnrolledAdmm n, NDManager m, NDArray y) {
        n.initialize(m, n.dataType(), n.inputShape(2));
        try (GradMode g = GradMode.disabled()) {
            return n.forward(new ParameterStore(m, false), new NDList(y), false)
                    .singletonOrThrow()
                    .toDoubleArray();
        }
    }

    @Test
    void everySourceOfPhysicsGivesTheSameNetwork() {
        long seed = System.nanoTime();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = UnrolledAdmmTest.batch(m, DataType.FLOAT64, seed)[0];
            UnrolledAdmm fromGeometry = builder().setGeometry(TINY).build();
            double[] want = run(fromGeometry, m, y);
            try (SensingModel stored =
                            SensingModel.ofFactors(
                                    SensingFactors.fresnel(TINY, m, DataType.FLOAT64));
                    SensingModel spread =
                            SensingModel.fresnel(TINY, List.of(Device.cpu(), Device.cpu()))) {
                UnrolledAdmm onStored = builder().setSensingModel(stored).build();
                assertEquals(fromGeometry.normA2(), onStored.normA2());
                assertArrayEquals(want, run(onStored, m, y), "stored factors, seed " + seed);
                UnrolledAdmm onSpread =
                        builder().setSensingModel(spread).optNormA2(fromGeometry.normA2()).build();
                assertArrayEquals(want, run(onSpread, m, y), 1e-10, "PairSharded, seed " + seed);
                SensingModel wrapped =
                        SensingModel.of(Operators.fresnel(TINY, m, DataType.FLOAT64));
                UnrolledAdmm onOperator = builder().setSensingModel(wrapped).build();
                assertArrayEquals(want, run(onOperator, m, y), 1e-10, "operator, seed " + seed);
                onOperator.checkGeometry(TINY); // by shapes: the model has no geometry
                assertThrows(
                        IllegalArgumentException.class,
                        () -> onOperator.checkGeometry(Preset.SMALL.geometry()));
            }
            fromGeometry.close();
            assertThrows(IllegalStateException.class, () -> run(fromGeometry, m, y));
        }
    }
}
