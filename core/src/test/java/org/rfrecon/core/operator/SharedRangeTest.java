package org.rfrecon.core.operator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.testing.FreshDraws;

/**
 * {@link Volume3D}'s shared-range path (one range product per subcarrier, broadcast over pairs)
 * against its per-pair path, on random factors with a batch axis: float64 to rounding, and the
 * float32 native path to float32 rounding. A3 that differs between pairs keeps the per-pair path.
 */
@ExtendWith(FreshDraws.class)
class SharedRangeTest {

    private static final DataType F64 = DataType.FLOAT64;

    @Test
    void sharedAndPerPairRangeProductsAgree(Random rng, NDManager m) {
        long p = 3;
        long f = 4;
        long n3 = 5;
        ComplexTensor a1 = ComplexTensor.randomNormal(m, new Shape(p, f, 6, 7), F64, rng);
        ComplexTensor a2 = ComplexTensor.randomNormal(m, new Shape(p, f, 4, 8), F64, rng);
        ComplexTensor s = ComplexTensor.randomNormal(m, new Shape(p, f), F64, rng);
        ComplexTensor one = ComplexTensor.randomNormal(m, new Shape(1, f, n3), F64, rng);
        ComplexTensor a3 = one.add(ComplexTensor.zeros(m, new Shape(p, f, n3), F64));
        Volume3D fast = new Volume3D(a1, a2, a3, s);
        Volume3D general = new Volume3D(a1, a2, a3, s, false);
        assertTrue(fast.sharedRange(), "A3 broadcast over pairs is shared");
        assertFalse(general.sharedRange());
        ComplexTensor x =
                ComplexTensor.randomNormal(m, new Shape(2).addAll(fast.domainShape()), F64, rng);
        ComplexTensor y =
                ComplexTensor.randomNormal(m, new Shape(2).addAll(fast.rangeShape()), F64, rng);
        assertClose(fast.forward(x), general.forward(x), 1e-12, "forward");
        assertClose(fast.adjoint(y), general.adjoint(y), 1e-12, "adjoint");
        Volume3D fast32 =
                new Volume3D(
                        a1.toType(DataType.FLOAT32),
                        a2.toType(DataType.FLOAT32),
                        a3.toType(DataType.FLOAT32),
                        s.toType(DataType.FLOAT32));
        assertTrue(fast32.sharedRange());
        assertClose(
                fast32.forward(x.toType(DataType.FLOAT32)).toType(F64),
                general.forward(x),
                1e-5,
                "native forward");
        assertClose(
                fast32.adjoint(y.toType(DataType.FLOAT32)).toType(F64),
                general.adjoint(y),
                1e-5,
                "native adjoint");
        // the fused normal map (forward straight into the adjoint, by subcarrier) is the
        // adjoint of the forward, with the batch axis
        ComplexTensor x32 = x.toType(DataType.FLOAT32);
        assertClose(
                fast32.normal(x32).toType(F64),
                fast32.adjoint(fast32.forward(x32)).toType(F64),
                1e-5,
                "fused native normal");
        assertClose(
                fast32.normal(x32).toType(F64),
                general.adjoint(general.forward(x)),
                1e-5,
                "fused native normal against float64");
        // the shared-range volume runs on the subcarrier-ordered factors only: the 2D path's
        // complex copies of the factors are never built
        assertFalse(fast32.nativePlaneFactorsBuilt(), "2D factors built for a shared volume");
        general.forward(x); // float64: the pair path, no native factors either
        Volume3D perPair32 =
                new Volume3D(
                        a1.toType(DataType.FLOAT32),
                        a2.toType(DataType.FLOAT32),
                        a3.toType(DataType.FLOAT32),
                        s.toType(DataType.FLOAT32),
                        false);
        perPair32.forward(x.toType(DataType.FLOAT32));
        assertTrue(perPair32.nativePlaneFactorsBuilt(), "the per-pair path builds them on use");
        ComplexTensor a3d = ComplexTensor.randomNormal(m, new Shape(p, f, n3), F64, rng);
        assertFalse(new Volume3D(a1, a2, a3d, s).sharedRange(), "A3 differing per pair");
        assertTrue(Volume3D.of(Preset.TINY_3D.geometry(), m, F64).sharedRange());
    }

    private static void assertClose(ComplexTensor a, ComplexTensor b, double tol, String what) {
        assertTrue(a.getShape().equals(b.getShape()), what + ": " + a.getShape() + b.getShape());
        double num = a.sub(b).norm().getDouble();
        double den = b.norm().getDouble();
        assertTrue(den > 0 && num / den < tol, what + ": relative error " + num / den);
    }
}
