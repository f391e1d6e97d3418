package org.rfrecon.core.operator;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.geometry.SensingFactors;
import org.rfrecon.core.testing.OperatorContract;
import org.rfrecon.core.testing.SpecMatrices;

/**
 * The fast operators equal the matrix built element by element from the SPEC §1 formulas, and the
 * batched operator equals the per-subcarrier loop.
 */
class SpecDenseTest {

    @Test
    void kronecker2dEqualsSpecMatrixOnTiny() {
        Geometry g = Preset.TINY.geometry();
        try (NDManager m = NDManager.newBaseManager()) {
            OperatorContract.assertMatchesDense(
                    Kronecker2D.of(g, m, DataType.FLOAT64), SpecMatrices.fresnel(g), m, 1e-10);
        }
    }

    @Test
    void volume3dEqualsSpecMatrixOnTiny3d() {
        Geometry g = Preset.TINY_3D.geometry();
        try (NDManager m = NDManager.newBaseManager()) {
            OperatorContract.assertMatchesDense(
                    Volume3D.of(g, m, DataType.FLOAT64), SpecMatrices.fresnel(g), m, 1e-10);
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
        try (NDManager m = NDManager.newBaseManager()) {
            SensingFactors f = SensingFactors.fresnel(g, m, DataType.FLOAT64);
            OperatorContract.assertMatchesDense(
                    new PerSubcarrierLoop(f), SpecMatrices.fresnel(g), m, 1e-10);
        }
    }
}
