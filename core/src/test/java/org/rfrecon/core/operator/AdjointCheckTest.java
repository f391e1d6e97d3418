package org.rfrecon.core.operator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.testing.OperatorContract;
import org.rfrecon.core.testing.Seeds;

/**
 * The public dot test works in every precision: float32 (the default) and float64, within each
 * dtype's rounding, on fresh random inputs.
 */
class AdjointCheckTest {

    @Test
    void worksInFloat32AndFloat64() {
        long seed = Seeds.fresh();
        try (NDManager m = NDManager.newBaseManager()) {
            for (Preset p : new Preset[] {Preset.TINY, Preset.TINY_3D}) {
                for (DataType t : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                    LinearOperator op = OperatorContract.fresnel(p.geometry(), m, t);
                    double err = AdjointCheck.relativeError(op, m, new Random(seed));
                    double tol = t == DataType.FLOAT32 ? 1e-5 : 1e-12;
                    assertTrue(
                            err < tol && err >= 0,
                            p.id() + " " + t + ": " + err + " (seed " + seed + ")");
                }
            }
        }
    }
}
