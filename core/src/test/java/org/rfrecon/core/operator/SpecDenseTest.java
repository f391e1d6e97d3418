package org.rfrecon.core.operator;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.geometry.SensingFactors;
import org.rfrecon.core.testing.OperatorContract;
import org.rfrecon.core.testing.Seeds;
import org.rfrecon.core.testing.SpecMatrices;
import org.rfrecon.core.testing.TinyPresets;

/**
 * The fast operators equal the matrix built element by element from the SPEC §1 formulas, and the
 * batched operator equals the per-subcarrier loop.
 */
class SpecDenseTest {

    /** Kronecker2D on tiny, Volume3D on tiny-3d. */
    @TinyPresets
    void fresnelOperatorEqualsSpecMatrix(Preset p) {
        Geometry g = p.geometry();
        try (NDManager m = NDManager.newBaseManager()) {
            OperatorContract.assertMatchesDense(
                    OperatorContract.fresnel(g, m, DataType.FLOAT64),
                    SpecMatrices.fresnel(g),
                    m,
                    1e-10);
        }
    }

    @Test
    void denseFromFactorsEqualsSpecMatrix() {
        Geometry g = Preset.TINY.geometry();
        try (NDManager m = NDManager.newBaseManager()) {
            Dense d = Dense.ofFactors(SensingFactors.fresnel(g, m, DataType.FLOAT64), m);
            OperatorContract.assertMatchesDense(d, SpecMatrices.fresnel(g), m, 1e-10);
        }
    }

    @Test
    void batchedEqualsPerSubcarrierLoop() {
        Geometry g = Preset.TINY.geometry();
        long seed = Seeds.fresh();
        Random rng = new Random(seed);
        try (NDManager m = NDManager.newBaseManager()) {
            SensingFactors f = SensingFactors.fresnel(g, m, DataType.FLOAT64);
            PerSubcarrierLoop loop = new PerSubcarrierLoop(f);
            Kronecker2D batched = new Kronecker2D(f.a1(), f.a2(), f.s());
            OperatorContract.assertMatchesDense(loop, SpecMatrices.fresnel(g), m, 1e-10);
            // and directly, on a batch of three inputs, forward and adjoint
            ComplexTensor x =
                    ComplexTensor.randomNormal(
                            m, new Shape(3).addAll(g.sceneShape()), DataType.FLOAT64, rng);
            ComplexTensor y =
                    ComplexTensor.randomNormal(
                            m, new Shape(3).addAll(g.measurementShape()), DataType.FLOAT64, rng);
            OperatorContract.assertClose(
                    batched.forward(x), loop.forward(x), 1e-12, "forward, seed " + seed);
            OperatorContract.assertClose(
                    batched.adjoint(y), loop.adjoint(y), 1e-12, "adjoint, seed " + seed);
        }
    }
}
