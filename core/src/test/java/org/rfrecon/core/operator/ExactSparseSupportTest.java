package org.rfrecon.core.operator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.testing.OperatorContract;
import org.rfrecon.core.testing.Seeds;

/**
 * The exact operator evaluates only the non-zero scene points of a batch; that shortcut gives the
 * same measurements as the full sum, checked by linearity against dense inputs (which use every
 * column): {@code A x = A (x + d) - A d}.
 */
class ExactSparseSupportTest {

    @Test
    void sparseScenesCostFewColumnsAndGiveTheFullSum() {
        long seed = Seeds.fresh();
        for (Preset preset : new Preset[] {Preset.TINY, Preset.TINY_3D}) {
            Geometry g = preset.geometry();
            try (NDManager m = NDManager.newBaseManager()) {
                ExactSpherical op = new ExactSpherical(g, m, DataType.FLOAT64);
                Random rng = new Random(seed);
                Shape shape = new Shape(2).addAll(g.sceneShape());
                ComplexTensor x = ComplexTensor.randomNormal(m, shape, DataType.FLOAT64, rng);
                double[] mask = rng.doubles(shape.size()).map(v -> v < 0.03 ? 1 : 0).toArray();
                x = x.scale(m.create(mask, shape));
                ComplexTensor d = ComplexTensor.randomNormal(m, shape, DataType.FLOAT64, rng);
                ComplexTensor sparse = op.forward(x);
                ComplexTensor viaDense = op.forward(x.add(d)).sub(op.forward(d));
                OperatorContract.assertClose(
                        sparse, viaDense, 1e-10, preset + " (seed " + seed + ")");
                assertTrue(sparse.norm().getDouble() > 0, "a zero result proves nothing");
            }
        }
    }
}
