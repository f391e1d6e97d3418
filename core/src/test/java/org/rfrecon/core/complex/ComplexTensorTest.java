package org.rfrecon.core.complex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rfrecon.core.testing.FreshDraws;
import org.rfrecon.core.testing.HostComplex;
import org.rfrecon.core.testing.OperatorContract;
import org.rfrecon.core.testing.Seeds;

/** Complex pair arithmetic against host float64 references. */
@ExtendWith(FreshDraws.class)
class ComplexTensorTest {

    @ParameterizedTest
    @EnumSource(ComplexMatMul.class)
    void everyMatMulKernelEqualsHostProduct(ComplexMatMul kernel, Random rng, NDManager m) {
        ComplexTensor a = ComplexTensor.randomNormal(m, new Shape(3, 5, 7), DataType.FLOAT64, rng);
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
                    assertEquals(ref[2 * i], cv[k], 1e-12, kernel + " re");
                    assertEquals(ref[2 * i + 1], cv[k + 1], 1e-12, kernel + " im");
                }
            }
        }
    }

    @Test
    void nativeComplexRoundTripsAndSwapsAxesAsViews(Random rng, NDManager m) {
        ComplexTensor a = ComplexTensor.randomNormal(m, new Shape(3, 4, 5), DataType.FLOAT32, rng);
        NDArray c = a.toComplex();
        ComplexTensor back = ComplexTensor.fromComplex(c);
        // toComplex of an interleaved tensor is a view of its memory: the same values
        double[] av = a.toInterleaved();
        assertArrayEquals(av, ComplexTensor.fromComplex(back.toComplex()).toInterleaved());
        // and arithmetic on it still sees the values (a derived tensor converts by copying)
        double[] twice = ComplexTensor.fromComplex(back.add(back).toComplex()).toInterleaved();
        for (int k = 0; k < av.length; k++) {
            assertEquals(2 * av[k], twice[k], 1e-6 * Math.abs(av[k]) + 1e-12);
        }
        // swapping axes 0 and 1 of the native array: element (i, j, k) lands at (j, i, k)
        ComplexTensor sw = ComplexTensor.fromComplexSwapped(c, 0);
        assertEquals(new Shape(4, 3, 5), sw.getShape());
        double[] sv = sw.duplicate().toInterleaved();
        double[] svBack = ComplexTensor.fromComplex(sw.toComplex()).duplicate().toInterleaved();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 5; k++) {
                    int from = 2 * ((i * 4 + j) * 5 + k);
                    int to = 2 * ((j * 3 + i) * 5 + k);
                    assertEquals(av[from], sv[to]);
                    assertEquals(av[from + 1], sv[to + 1]);
                    assertEquals(av[from], svBack[to]);
                    assertEquals(av[from + 1], svBack[to + 1]);
                }
            }
        }
    }

    @Test
    void elementwiseOpsMatchHostArithmetic(Random rng, NDManager m) {
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
        assertEquals(ir, inner[0], 1e-12);
        assertEquals(ii, inner[1], 1e-12);
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

    /**
     * Stacked storage ({@link ComplexTensor#ofStacked}) computes exactly what the pair path does,
     * alone and mixed with pairs, gradients included, and survives a scope that frees its views.
     */
    /**
     * {@code stackedAs} against the element formula it promises, for a pair and for the same values
     * stacked, with and without a permutation and at every stacking position; bad arguments are
     * refused; and gradients reach the parts.
     */
    @Test
    void stackedAsPermutesThenStacksForPairsAndStackedTensors(Random rng, NDManager m) {
        ComplexTensor a = ComplexTensor.randomNormal(m, new Shape(2, 12, 5), DataType.FLOAT64, rng);
        ComplexTensor as = ComplexTensor.ofStacked(a.re().stack(a.im(), 0));
        Shape part = new Shape(6, 4, 5); // a view of the parts' 120 elements
        double[] re = a.re().toDoubleArray();
        double[] im = a.im().toDoubleArray();
        for (int[] axes : new int[][] {null, {1, 0, 2}, {2, 0, 1}}) {
            int[] order = axes == null ? new int[] {0, 1, 2} : axes;
            for (int at = 0; at <= 3; at++) {
                String what = java.util.Arrays.toString(order) + " at " + at;
                NDArray fromPair = a.stackedAs(part, axes, at);
                NDArray fromStacked = as.stackedAs(part, axes, at);
                long[] dims = new long[4];
                for (int k = 0, src = 0; k < 4; k++) {
                    dims[k] = k == at ? 2 : part.get(order[src++]);
                }
                assertEquals(new Shape(dims), fromPair.getShape(), what);
                assertEquals(new Shape(dims), fromStacked.getShape(), what);
                double[] p = fromPair.toDoubleArray();
                double[] q = fromStacked.toDoubleArray();
                // element (i0, i1, i2, i3) of the result, in row-major order
                int[] idx = new int[4];
                for (int flat = 0; flat < p.length; flat++) {
                    int rest = flat;
                    for (int k = 3; k >= 0; k--) {
                        idx[k] = (int) (rest % dims[k]);
                        rest /= (int) dims[k];
                    }
                    int[] partIndex = new int[3];
                    for (int k = 0, src = 0; k < 4; k++) {
                        if (k != at) {
                            partIndex[order[src++]] = idx[k];
                        }
                    }
                    int source = (partIndex[0] * 4 + partIndex[1]) * 5 + partIndex[2];
                    double expected = idx[at] == 0 ? re[source] : im[source];
                    assertEquals(expected, p[flat], 0, "pair " + what + " at " + flat);
                    assertEquals(expected, q[flat], 0, "stacked " + what + " at " + flat);
                }
            }
        }
        assertEquals(new Shape(2, 6, 4, 5), as.stackedAs(part, null, 0).getShape(), "a plain view");
        assertThrowsIllegalArgument(() -> a.stackedAs(part, new int[] {0, 0, 1}, 0));
        assertThrowsIllegalArgument(() -> a.stackedAs(part, new int[] {0, 1}, 0));
        assertThrowsIllegalArgument(() -> a.stackedAs(part, new int[] {0, 1, 3}, 0));
        assertThrowsIllegalArgument(() -> as.stackedAs(part, null, 4));
        assertThrowsIllegalArgument(() -> as.stackedAs(part, null, -1));
        // gradients: d sum(w * stackedAs(x)) / d re = w's real slice, permuted back
        ComplexTensor x = ComplexTensor.randomNormal(m, new Shape(3, 4), DataType.FLOAT64, rng);
        NDArray w = m.randomNormal(new Shape(4, 2, 3)).toType(DataType.FLOAT64, false);
        x.re().setRequiresGradient(true);
        x.im().setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(x.stackedAs(new Shape(3, 4), new int[] {1, 0}, 1).mul(w).sum());
        }
        NDArray expectRe = w.get(":, 0, :").transpose();
        NDArray expectIm = w.get(":, 1, :").transpose();
        assertEquals(0, x.re().getGradient().sub(expectRe).abs().max().getDouble(), 0);
        assertEquals(0, x.im().getGradient().sub(expectIm).abs().max().getDouble(), 0);
    }

    private static void assertThrowsIllegalArgument(Runnable call) {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, call::run);
    }

    @Test
    void stackedStorageEqualsPairs(Random rng, NDManager m) {
        Shape shape = new Shape(3, 4, 5);
        ComplexTensor a = ComplexTensor.randomNormal(m, shape, DataType.FLOAT64, rng);
        ComplexTensor b = ComplexTensor.randomNormal(m, shape, DataType.FLOAT64, rng);
        ComplexTensor as = ComplexTensor.ofStacked(a.re().stack(a.im(), 0));
        ComplexTensor bs = ComplexTensor.ofStacked(b.re().stack(b.im(), 0));
        NDArray w = a.re().sum(new int[] {1, 2}, true); // (3, 1, 1)
        same(a.add(b), as.add(bs), "add");
        same(a.sub(b), as.sub(b), "sub mixed");
        same(a.neg(), as.neg(), "neg");
        same(a.scale(0.7), as.scale(0.7), "scale");
        same(a.scale(w), as.scale(w), "scale by array");
        same(a.mul(b), as.mul(bs), "mul");
        same(a.transpose(), as.transpose(), "transpose");
        same(a.sum(new int[] {0, -1}), as.sum(new int[] {0, -1}), "sum");
        same(a.reshape(new Shape(12, 5)), as.reshape(new Shape(12, 5)), "reshape");
        same(a.expandDims(1), as.expandDims(1), "expandDims");
        same(a, ComplexTensor.fromChannels(as.stackChannels(1), 1), "channels");
        same(a, ComplexTensor.fromComplex(as.toComplex()), "complex");
        assertEquals(0, a.abs2().sub(as.abs2()).abs().max().getDouble(), 0, "abs2");
        int[] axes = {1, 2};
        NDArray d = a.realDot(b, axes).sub(as.realDot(bs, axes));
        assertEquals(new Shape(3, 1, 1), as.realDot(bs, axes).getShape());
        assertEquals(0, d.abs().max().getDouble(), 1e-12, "realDot");
        double n = a.norm2Squared().getDouble();
        assertEquals(n, as.norm2Squared().getDouble(), 1e-12 * n, "norm");
        // a scope that frees the views made inside it: the tensor remakes them
        ComplexTensor cs = ComplexTensor.ofStacked(a.re().stack(a.im(), 0));
        try (NDScope scope = new NDScope()) {
            cs.re().add(1);
        }
        assertFalse(cs.re().isReleased(), "views survive the scope");
        same(a, ComplexTensor.of(cs.re(), cs.im()), "views after a scope");
        // gradients through stacked arithmetic equal those through pairs
        NDArray[] g = new NDArray[2];
        for (int k = 0; k < 2; k++) {
            NDArray leaf = a.re().duplicate();
            leaf.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                ComplexTensor x = ComplexTensor.of(leaf, a.im());
                ComplexTensor xs = k == 0 ? x : ComplexTensor.ofStacked(x.re().stack(x.im(), 0));
                ComplexTensor y = xs.scale(w).add(xs.mul(b)).sub(bs);
                gc.backward(y.realDot(b, new int[] {0, 1, 2}).sum());
            }
            g[k] = leaf.getGradient();
        }
        assertEquals(0, g[0].sub(g[1]).abs().max().getDouble(), 1e-12, "gradient");
        assertTrue(g[0].abs().max().getDouble() > 0, "a non-zero gradient");
    }

    private static void same(ComplexTensor a, ComplexTensor b, String what) {
        assertEquals(a.getShape(), b.getShape(), what);
        double diff = a.sub(b).norm2Squared().getDouble();
        assertEquals(0, diff, 1e-24 * (1 + a.norm2Squared().getDouble()), what);
    }
}
