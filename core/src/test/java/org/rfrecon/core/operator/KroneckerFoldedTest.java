package org.rfrecon.core.operator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.geometry.SensingFactors;
import org.rfrecon.core.testing.FreshDraws;

/**
 * The folded GEMM forms of {@link Kronecker2D} (one GEMM for the shared scene, the adjoint's sum
 * folded into a GEMM) against the dense matrix and the per-subcarrier loop, for both product
 * orders, with and without batch axes, on pairs and on stacked tensors (float64).
 */
@ExtendWith(FreshDraws.class)
class KroneckerFoldedTest {

    /** Tiny, and tiny with its second axis {@link #longerAxis} (M2 > M1). */
    private static Geometry[] tinyAndLongerV() {
        Geometry tiny = Preset.TINY.geometry();
        return new Geometry[] {tiny, tiny.toBuilder().setV(longerAxis(tiny)).build()};
    }

    /** Standard normal parts of shape {@code batch} then {@code shape}. */
    private static ComplexTensor random(
            NDManager m, Shape batch, Shape shape, DataType dtype, Random rng) {
        return ComplexTensor.randomNormal(m, batch.addAll(shape), dtype, rng);
    }

    /** Sensor positions along an axis twice as long as {@code tiny}'s first, 5.3 mm apart. */
    private static double[] longerAxis(Geometry tiny) {
        double[] longer = new double[2 * tiny.m1()];
        for (int k = 0; k < longer.length; k++) {
            longer[k] = (k - longer.length / 2.0) * 0.0053;
        }
        return longer;
    }

    /** {@code g} with its first pair and its first subcarrier only. */
    private static Geometry onePairOneFrequency(Geometry g) {
        return g.toBuilder()
                .setFreq(new double[] {g.freq()[0]})
                .setPairs(new double[][] {g.tx()[0]}, new double[][] {g.rx()[0]})
                .build();
    }

    @Test
    void bothOrdersMatchDenseAndLoop() {
        long seed = System.nanoTime();
        Random rng = new Random(seed);
        Geometry tiny = Preset.TINY.geometry();
        double[] longer = longerAxis(tiny);
        // M2 > M1 makes the A1 side cheaper first; M1 > M2 the A2 side; each also with one pair
        // and one subcarrier (the shape of seed-2d, whose A1-first forward skips a rearrangement)
        Geometry longerV = tiny.toBuilder().setV(longer).build();
        Geometry longerU = tiny.toBuilder().setU(longer).build();
        Geometry[] geometries = {
            longerV, longerU, onePairOneFrequency(longerV), onePairOneFrequency(longerU)
        };
        try (NDManager m = NDManager.newBaseManager()) {
            for (Geometry g : geometries) {
                SensingFactors f = SensingFactors.fresnel(g, m, DataType.FLOAT64);
                Kronecker2D k = new Kronecker2D(f.a1(), f.a2(), f.s());
                Dense d = Dense.ofFactors(f, m);
                PerSubcarrierLoop loop = new PerSubcarrierLoop(f);
                for (Shape batch : new Shape[] {new Shape(), new Shape(3)}) {
                    ComplexTensor x = random(m, batch, k.domainShape(), DataType.FLOAT64, rng);
                    ComplexTensor y = random(m, batch, k.rangeShape(), DataType.FLOAT64, rng);
                    String what = "seed " + seed + ", " + g.m2() + "x" + g.m1() + ", " + batch;
                    assertClose(k.forward(x), d.forward(x), "forward vs dense, " + what);
                    assertClose(k.adjoint(y), d.adjoint(y), "adjoint vs dense, " + what);
                    assertClose(k.forward(x), loop.forward(x), "forward vs loop, " + what);
                    assertClose(k.adjoint(y), loop.adjoint(y), "adjoint vs loop, " + what);
                    // stacked inputs take the view branch of ComplexTensor.stackedAs
                    ComplexTensor xs = ComplexTensor.ofStacked(x.asStacked());
                    ComplexTensor ys = ComplexTensor.ofStacked(y.asStacked());
                    assertClose(k.forward(xs), d.forward(x), "stacked forward vs dense, " + what);
                    assertClose(k.adjoint(ys), d.adjoint(y), "stacked adjoint vs dense, " + what);
                }
                double dot = AdjointCheck.relativeError(k, m, rng);
                assertTrue(dot < 1e-10, "dot test " + dot + ", seed " + seed);
            }
        }
    }

    @Test
    void float32NativeAndPairPathsAgreeWithFloat64(Random rng, NDManager m) {
        Geometry[] geometries = tinyAndLongerV();
        for (Geometry g : geometries) {
            Kronecker2D k64 = Kronecker2D.of(g, m, DataType.FLOAT64);
            Kronecker2D k32 = Kronecker2D.of(g, m, DataType.FLOAT32);
            for (Shape batch : new Shape[] {new Shape(), new Shape(2)}) {
                ComplexTensor x = random(m, batch, k64.domainShape(), DataType.FLOAT64, rng);
                ComplexTensor y = random(m, batch, k64.rangeShape(), DataType.FLOAT64, rng);
                String what = g.m2() + "x" + g.m1() + ", " + batch;
                ComplexTensor x32 = x.toType(DataType.FLOAT32);
                ComplexTensor y32 = y.toType(DataType.FLOAT32);
                assertClose32(k32.forward(x32), k64.forward(x), "native forward, " + what);
                assertClose32(k32.adjoint(y32), k64.adjoint(y), "native adjoint, " + what);
                x32.re().setRequiresGradient(true);
                y32.re().setRequiresGradient(true);
                assertClose32(k32.forward(x32), k64.forward(x), "pair forward, " + what);
                assertClose32(k32.adjoint(y32), k64.adjoint(y), "pair adjoint, " + what);
            }
        }
    }

    /**
     * The block-real pair path ({@link BlockPairs2D}, taken while autograd records) against the
     * native complex64 path, for both product orders and batch shapes, and its gradient: the
     * gradient of {@code Re <w, A x>} with respect to the parts of {@code x} is the parts of {@code
     * A^H w} (and of {@code Re <v, A^H y>} the parts of {@code A v}), computed natively.
     */
    @Test
    void blockPairPathMatchesNativeAndItsGradientIsTheAdjoint(Random rng, NDManager m) {
        Geometry[] geometries = tinyAndLongerV();
        for (Geometry g : geometries) {
            Kronecker2D k = Kronecker2D.of(g, m, DataType.FLOAT32);
            for (Shape batch : new Shape[] {new Shape(), new Shape(3), new Shape(2, 2)}) {
                String what = g.m2() + "x" + g.m1() + ", " + batch;
                ComplexTensor x = random(m, batch, k.domainShape(), DataType.FLOAT32, rng);
                ComplexTensor y = random(m, batch, k.rangeShape(), DataType.FLOAT32, rng);
                // the native complex64 path (what GPUs take without autograd), called directly
                ComplexTensor ax = k.fast().forward(x, batch, k.rangeShape(), k.domainShape());
                ComplexTensor ahy = k.fast().adjoint(y, batch, k.rangeShape(), k.domainShape());
                assertClose32(
                        k.forward(x), ax.toType(DataType.FLOAT64), "no-grad vs native, " + what);
                ComplexTensor[] grads = pairGradients(k, x, y, ax, ahy, what);
                assertClose32(
                        grads[0],
                        k.adjoint(y).toType(DataType.FLOAT64),
                        "grad of forward, " + what);
                assertClose32(
                        grads[1],
                        k.forward(x).toType(DataType.FLOAT64),
                        "grad of adjoint, " + what);
            }
        }
    }

    /**
     * The fused normal map of the block-real path ({@link BlockPairs2D#normal}, which skips the
     * rearrangement between the two maps) against the adjoint of the forward, for both product
     * orders and three batch shapes: in float64 to 1e-10, in float32 (with and without autograd) to
     * float32 rounding, and its gradient: for the self-adjoint {@code N = A^H A} the gradient of
     * {@code Re <w, N x>} with respect to the parts of {@code x} is the parts of {@code N w}.
     */
    @Test
    void fusedNormalIsTheAdjointOfTheForwardAndSoIsItsGradient(Random rng, NDManager m) {
        for (Geometry g : tinyAndLongerV()) {
            Kronecker2D k64 = Kronecker2D.of(g, m, DataType.FLOAT64);
            Kronecker2D k32 = Kronecker2D.of(g, m, DataType.FLOAT32);
            for (Shape batch : new Shape[] {new Shape(), new Shape(3), new Shape(2, 2)}) {
                String what = g.m2() + "x" + g.m1() + ", " + batch;
                ComplexTensor x = random(m, batch, k64.domainShape(), DataType.FLOAT64, rng);
                ComplexTensor w = random(m, batch, k64.domainShape(), DataType.FLOAT64, rng);
                ComplexTensor expected = k64.adjoint(k64.forward(x));
                assertClose(k64.normal(x), expected, "float64 normal, " + what);
                assertClose32(k32.normal(x.toType(DataType.FLOAT32)), expected, "normal, " + what);
                ComplexTensor xl = x.toType(DataType.FLOAT32);
                ComplexTensor wl = w.toType(DataType.FLOAT32);
                xl.re().setRequiresGradient(true);
                xl.im().setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    ComplexTensor n = k32.normal(xl);
                    assertClose32(n, expected, "normal under autograd, " + what);
                    gc.backward(n.re().mul(wl.re()).sum().add(n.im().mul(wl.im()).sum()));
                }
                ComplexTensor grad = ComplexTensor.of(xl.re().getGradient(), xl.im().getGradient());
                assertClose32(grad, k64.adjoint(k64.forward(w)), "gradient of normal, " + what);
            }
        }
    }

    /**
     * Runs both maps on the pair path, checks them, returns the gradients (d forward, d adjoint).
     */
    private static ComplexTensor[] pairGradients(
            Kronecker2D k,
            ComplexTensor x,
            ComplexTensor y,
            ComplexTensor ax,
            ComplexTensor ahy,
            String what) {
        ComplexTensor xl = x.duplicate();
        ComplexTensor yl = y.duplicate();
        for (NDArray a : new NDArray[] {xl.re(), xl.im(), yl.re(), yl.im()}) {
            a.setRequiresGradient(true);
        }
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            ComplexTensor f = k.forward(xl);
            ComplexTensor b = k.adjoint(yl);
            assertClose32(f, ax.toType(DataType.FLOAT64), "pair forward vs native, " + what);
            assertClose32(b, ahy.toType(DataType.FLOAT64), "pair adjoint vs native, " + what);
            // Re <y, A x> + Re <x, A^H y> with the other side held fixed
            NDArray l =
                    f.re().mul(y.re())
                            .sum()
                            .add(f.im().mul(y.im()).sum())
                            .add(b.re().mul(x.re()).sum())
                            .add(b.im().mul(x.im()).sum());
            gc.backward(l);
        }
        return new ComplexTensor[] {
            ComplexTensor.of(xl.re().getGradient(), xl.im().getGradient()).toType(DataType.FLOAT64),
            ComplexTensor.of(yl.re().getGradient(), yl.im().getGradient()).toType(DataType.FLOAT64)
        };
    }

    @Test
    void volumeFloat32NativeAndPairPathsAgreeWithFloat64(Random rng, NDManager m) {
        Geometry g = Preset.TINY_3D.geometry();
        Volume3D v64 = Volume3D.of(g, m, DataType.FLOAT64);
        Volume3D v32 = Volume3D.of(g, m, DataType.FLOAT32);
        ComplexTensor x = ComplexTensor.randomNormal(m, v64.domainShape(), DataType.FLOAT64, rng);
        ComplexTensor y = ComplexTensor.randomNormal(m, v64.rangeShape(), DataType.FLOAT64, rng);
        ComplexTensor x32 = x.toType(DataType.FLOAT32);
        ComplexTensor y32 = y.toType(DataType.FLOAT32);
        assertClose32(v32.forward(x32), v64.forward(x), "native forward");
        assertClose32(v32.adjoint(y32), v64.adjoint(y), "native adjoint");
        x32.im().setRequiresGradient(true);
        y32.im().setRequiresGradient(true);
        assertClose32(v32.forward(x32), v64.forward(x), "pair forward");
        assertClose32(v32.adjoint(y32), v64.adjoint(y), "pair adjoint");
    }

    private static void assertClose32(ComplexTensor a, ComplexTensor b, String what) {
        assertTrue(a.getShape().equals(b.getShape()), what + ": " + a.getShape() + b.getShape());
        ComplexTensor a64 = a.toType(DataType.FLOAT64);
        double num = a64.sub(b).norm().getDouble();
        double den = b.norm().getDouble();
        assertTrue(den > 0 && num / den < 1e-5, what + ": relative error " + num / den);
    }

    private static void assertClose(ComplexTensor a, ComplexTensor b, String what) {
        assertTrue(a.getShape().equals(b.getShape()), what + ": " + a.getShape() + b.getShape());
        double num = a.sub(b).norm().getDouble();
        double den = b.norm().getDouble();
        assertTrue(den > 0 && num / den < 1e-10, what + ": relative error " + num / den);
    }
}
