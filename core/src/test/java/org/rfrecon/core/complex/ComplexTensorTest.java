package org.rfrecon.core.complex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rfrecon.core.testing.HostComplex;
import org.rfrecon.core.testing.OperatorContract;
import org.rfrecon.core.testing.Seeds;

/** Complex pair arithmetic against host float64 references. */
class ComplexTensorTest {

    @ParameterizedTest
    @EnumSource(ComplexMatMul.class)
    void everyMatMulKernelEqualsHostProduct(ComplexMatMul kernel) {
        long seed = Seeds.fresh();
        Random rng = new Random(seed);
        try (NDManager m = NDManager.newBaseManager()) {
            ComplexTensor a =
                    ComplexTensor.randomNormal(m, new Shape(3, 5, 7), DataType.FLOAT64, rng);
            ComplexTensor b = ComplexTensor.randomNormal(m, new Shape(7, 4), DataType.FLOAT64, rng);
            ComplexTensor c = kernel.multiply(a, b);
            assertEquals(new Shape(3, 5, 4), c.getShape());
            double[] av = a.toInterleaved();
            double[] bt = b.transpose().duplicate().toInterleaved(); // (4, 7): rows of B^T
            double[] cv = c.toInterleaved();
            for (int batch = 0; batch < 3; batch++) {
                double[] ab = java.util.Arrays.copyOfRange(av, batch * 70, batch * 70 + 70);
                for (int j = 0; j < 4; j++) {
                    double[] col = java.util.Arrays.copyOfRange(bt, j * 14, j * 14 + 14);
                    double[] ref = HostComplex.matVec(ab, 5, 7, col, false);
                    for (int i = 0; i < 5; i++) {
                        int k = 2 * ((batch * 5 + i) * 4 + j);
                        assertEquals(ref[2 * i], cv[k], 1e-12, kernel + " re, seed " + seed);
                        assertEquals(
                                ref[2 * i + 1], cv[k + 1], 1e-12, kernel + " im, seed " + seed);
                    }
                }
            }
        }
    }

    @Test
    void elementwiseOpsMatchHostArithmetic() {
        long seed = Seeds.fresh();
        Random rng = new Random(seed);
        try (NDManager m = NDManager.newBaseManager()) {
            ComplexTensor a = ComplexTensor.randomNormal(m, new Shape(6), DataType.FLOAT64, rng);
            ComplexTensor b = ComplexTensor.randomNormal(m, new Shape(6), DataType.FLOAT64, rng);
            double[] av = a.toInterleaved();
            double[] bv = b.toInterleaved();
            double[] mul = a.mul(b).toInterleaved();
            double[] cm = a.conjMul(b).toInterleaved();
            double[] sc = a.scale(0.5, -2).toInterleaved();
            double[] ab = a.abs().toDoubleArray();
            double ir = 0;
            double ii = 0;
            for (int k = 0; k < 6; k++) {
                double ar = av[2 * k], ai = av[2 * k + 1], br = bv[2 * k], bi = bv[2 * k + 1];
                assertEquals(ar * br - ai * bi, mul[2 * k], 1e-14);
                assertEquals(ar * bi + ai * br, mul[2 * k + 1], 1e-14);
                assertEquals(ar * br + ai * bi, cm[2 * k], 1e-14);
                assertEquals(ar * bi - ai * br, cm[2 * k + 1], 1e-14);
                assertEquals(0.5 * ar + 2 * ai, sc[2 * k], 1e-14);
                assertEquals(-2 * ar + 0.5 * ai, sc[2 * k + 1], 1e-14);
                assertEquals(Math.hypot(ar, ai), ab[k], 1e-14);
                ir += ar * br + ai * bi;
                ii += ar * bi - ai * br;
            }
            double[] inner = a.inner(b).toInterleaved();
            assertEquals(ir, inner[0], 1e-12, "seed " + seed);
            assertEquals(ii, inner[1], 1e-12, "seed " + seed);
        }
    }

    @Test
    void nativeComplexRoundTripAndNonFiniteDetection() {
        try (NDManager m = NDManager.newBaseManager()) {
            ComplexTensor a =
                    ComplexTensor.randomNormal(
                            m, new Shape(2, 3), DataType.FLOAT32, new Random(Seeds.fresh()));
            OperatorContract.assertClose(
                    ComplexTensor.fromComplex(a.toComplex()), a, 1e-7, "round trip");
            assertFalse(a.hasNonFinite());
            double[] v = a.toInterleaved();
            v[3] = Double.NaN;
            assertTrue(
                    ComplexTensor.fromInterleaved(m, v, new Shape(2, 3), DataType.FLOAT32)
                            .hasNonFinite());
            v[3] = Double.POSITIVE_INFINITY;
            assertTrue(
                    ComplexTensor.fromInterleaved(m, v, new Shape(2, 3), DataType.FLOAT32)
                            .hasNonFinite());
        }
    }
}
