package org.rfrecon.core.operator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.testing.OperatorContract;
import org.rfrecon.core.testing.Seeds;

/** The Fresnel model against exact physics, and float32 against float64. */
class PhysicsAndPrecisionTest {

    @Test
    void fresnelMismatchIsFiniteAndShrinksAsR0Grows() {
        Geometry g = Preset.TINY.geometry();
        long seed = Seeds.fresh();
        try (NDManager m = NDManager.newBaseManager()) {
            double previous = Double.POSITIVE_INFINITY;
            for (double r0 : new double[] {1, 2, 4, 8}) {
                double db = ModelMismatch.fresnelVsExactDb(g.withR0(r0), m, new Random(seed));
                assertTrue(Double.isFinite(db), "mismatch at R0=" + r0 + " is " + db);
                assertTrue(
                        db < previous - 3,
                        "mismatch must shrink with R0: "
                                + db
                                + " dB at R0="
                                + r0
                                + " after "
                                + previous);
                previous = db;
            }
        }
    }

    @Test
    void float32AgreesWithFloat64() {
        long seed = Seeds.fresh();
        for (Geometry g : new Geometry[] {Preset.TINY.geometry(), Preset.TINY_3D.geometry()}) {
            try (NDManager m = NDManager.newBaseManager()) {
                LinearOperator a64 = OperatorContract.fresnel(g, m, DataType.FLOAT64);
                LinearOperator a32 = OperatorContract.fresnel(g, m, DataType.FLOAT32);
                OperatorContract.Probe p = OperatorContract.Probe.of(g, m, DataType.FLOAT64, seed);
                ComplexTensor x = p.x();
                ComplexTensor y = p.y();
                OperatorContract.assertClose(
                        a32.forward(x.toType(DataType.FLOAT32)).toType(DataType.FLOAT64),
                        a64.forward(x),
                        1e-5,
                        g.preset() + " forward f32 vs f64, seed " + seed);
                OperatorContract.assertClose(
                        a32.adjoint(y.toType(DataType.FLOAT32)).toType(DataType.FLOAT64),
                        a64.adjoint(y),
                        1e-5,
                        g.preset() + " adjoint f32 vs f64, seed " + seed);
            }
        }
    }
}
