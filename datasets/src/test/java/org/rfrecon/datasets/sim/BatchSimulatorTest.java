package org.rfrecon.datasets.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.operator.Dense;
import org.rfrecon.core.operator.ExactSpherical;
import org.rfrecon.core.testing.BaseManagerFixture;
import org.rfrecon.core.testing.TinyPresets;
import org.rfrecon.datasets.scene.SceneConfig;
import org.rfrecon.datasets.scene.SceneKind;

/**
 * The batch simulator makes the {@link Simulator}'s samples (to float32 rounding), and the dense
 * exact matrix it applies is {@link ExactSpherical}.
 */
class BatchSimulatorTest extends BaseManagerFixture {

    private static final long SEED = System.nanoTime();

    /** The settings both simulators of a comparison share: {@code physics}, mixed scenes, 25 dB. */
    private static <B extends SimulatorParts.Builder<B>> B sameSettings(
            B builder, Geometry g, NDManager m, Physics physics) {
        return builder.setGeometry(g)
                .setManager(m)
                .optPhysics(physics)
                .optSceneConfig(SceneConfig.of(SceneKind.MIXED))
                .optSnrDb(25);
    }

    @ParameterizedTest
    @EnumSource(Physics.class)
    void batchEqualsSimulatorSampleBySample(Physics physics) {
        Geometry g = Preset.TINY.geometry();
        long[] indices = {3, 0, 17, 5};
        try (NDManager m = manager.newSubManager();
                Simulator one =
                        sameSettings(Simulator.builder(), g, m, physics).optSeed(SEED).build();
                BatchSimulator batch =
                        sameSettings(BatchSimulator.builder(), g, m, physics).build()) {
            SimulatedBatch b = batch.simulate(m, SEED, indices);
            assertEquals(new Shape(4, 2).addAll(g.measurementShape()), b.measurements().getShape());
            assertEquals(new Shape(4, 2).addAll(g.sceneShape()), b.scenes().getShape());
            for (int s = 0; s < indices.length; s++) {
                Simulation ref = one.simulate(m, indices[s]);
                NDArray y = ComplexChannels.stack(ref.y(), 0);
                NDArray scene = ComplexChannels.stack(ref.scene(), 0);
                assertArrayEquals(
                        scene.toFloatArray(), b.scenes().get(s).toFloatArray(), 0f, "scene " + s);
                float[] want = y.toFloatArray();
                float[] got = b.measurements().get(s).toFloatArray();
                double scale = maxAbs(want);
                assertTrue(scale > 0);
                for (int k = 0; k < want.length; k++) {
                    assertEquals(want[k], got[k], 2e-5 * scale, "sample " + s + " entry " + k);
                }
            }
        }
    }

    @TinyPresets
    void denseExactMatrixIsTheOperator(Preset preset) {
        Geometry g = preset.geometry();
        try (NDManager m = manager.newSubManager()) {
            for (DataType dt : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                ExactSpherical exact = new ExactSpherical(g, m, dt);
                Dense dense = exact.toDense(m);
                ComplexTensor x =
                        ComplexTensor.randomNormal(
                                m,
                                new Shape(3).addAll(g.sceneShape()),
                                dt,
                                new java.util.Random(SEED));
                ComplexTensor want = exact.forward(x);
                ComplexTensor got = dense.forward(x);
                double err = relative(want, got);
                assertTrue(
                        err < (dt == DataType.FLOAT32 ? 1e-5 : 1e-12),
                        preset + " " + dt + " forward: " + err);
                ComplexTensor yy =
                        ComplexTensor.randomNormal(
                                m,
                                new Shape(2).addAll(g.measurementShape()),
                                dt,
                                new java.util.Random(SEED + 1));
                double errAdj = relative(exact.adjoint(yy), dense.adjoint(yy));
                assertTrue(
                        errAdj < (dt == DataType.FLOAT32 ? 1e-5 : 1e-12),
                        preset + " " + dt + " adjoint: " + errAdj);
            }
        }
    }

    private static double relative(ComplexTensor want, ComplexTensor got) {
        double num = got.sub(want).norm2Squared().toType(DataType.FLOAT64, false).getDouble();
        double den = want.norm2Squared().toType(DataType.FLOAT64, false).getDouble();
        return Math.sqrt(num / den);
    }

    private static double maxAbs(float[] v) {
        double m = 0;
        for (float f : v) {
            m = Math.max(m, Math.abs(f));
        }
        return m;
    }
}
