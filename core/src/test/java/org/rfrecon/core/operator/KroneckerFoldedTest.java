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
import org.rfrecon.core.geometry.SensingFactors;

/**
 * The folded GEMM forms of {@link Kronecker2D} (one GEMM for the shared scene, the adjoint's sum
 * folded into a GEMM) against the dense matrix and the per-subcarrier loop, for both product orders
 * and with and without batch axes (float64).
 */
class KroneckerFoldedTest {

    @Test
    void bothOrdersMatchDenseAndLoop() {
        long seed = System.nanoTime();
        Random rng = new Random(seed);
        Geometry tiny = Preset.TINY.geometry();
        double[] longer = new double[2 * tiny.m1()];
        for (int k = 0; k < longer.length; k++) {
            longer[k] = (k - longer.length / 2.0) * 0.0053;
        }
        // M2 > M1 makes the A1 side cheaper first; M1 > M2 the A2 side.
        Geometry[] geometries = {
            tiny.toBuilder().setV(longer).build(), tiny.toBuilder().setU(longer).build()
        };
        try (NDManager m = NDManager.newBaseManager()) {
            for (Geometry g : geometries) {
                SensingFactors f = SensingFactors.fresnel(g, m, DataType.FLOAT64);
                Kronecker2D k = new Kronecker2D(f.a1(), f.a2(), f.s());
                Dense d = Dense.ofFactors(f, m);
                PerSubcarrierLoop loop = new PerSubcarrierLoop(f);
                for (Shape batch : new Shape[] {new Shape(), new Shape(3)}) {
                    ComplexTensor x =
                            ComplexTensor.randomNormal(
                                    m, batch.addAll(k.domainShape()), DataType.FLOAT64, rng);
                    ComplexTensor y =
                            ComplexTensor.randomNormal(
                                    m, batch.addAll(k.rangeShape()), DataType.FLOAT64, rng);
                    String what = "seed " + seed + ", " + g.m2() + "x" + g.m1() + ", " + batch;
                    assertClose(k.forward(x), d.forward(x), "forward vs dense, " + what);
                    assertClose(k.adjoint(y), d.adjoint(y), "adjoint vs dense, " + what);
                    assertClose(k.forward(x), loop.forward(x), "forward vs loop, " + what);
                    assertClose(k.adjoint(y), loop.adjoint(y), "adjoint vs loop, " + what);
                }
                double dot = AdjointCheck.relativeError(k, m, rng);
                assertTrue(dot < 1e-10, "dot test " + dot + ", seed " + seed);
            }
        }
    }

    private static void assertClose(ComplexTensor a, ComplexTensor b, String what) {
        assertTrue(a.getShape().equals(b.getShape()), what + ": " + a.getShape() + b.getShape());
        double num = a.sub(b).norm().getDouble();
        double den = b.norm().getDouble();
        assertTrue(den > 0 && num / den < 1e-10, what + ": relative error " + num / den);
    }
}
