package org.rfrecon.core.complex;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Objects;

/**
 * A complex tensor held as two real {@link NDArray}s of equal shape, dtype and device: the real
 * part and the imaginary part.
 *
 * <p><b>Why pairs.</b> DJL's complex view ({@code NDArray.complex()}) has no autograd on the
 * PyTorch engine ("view_as_complex_copy does not support automatic differentiation"), and rfrecon's
 * unrolled networks differentiate through every operator. Keeping real and imaginary parts as real
 * arrays makes every operation below an ordinary differentiable real op. SPEC §2.
 *
 * <p><b>Ownership.</b> A result is attached to the manager of the left operand's real part (DJL's
 * rule for every op). Long loops open a sub-manager ({@code try (NDManager sub =
 * x.getManager().newSubManager())}), compute inside it, and {@link #attach} what must survive to
 * the outer manager before the sub-manager closes. {@link #close()} frees both parts.
 *
 * <p>The type is a value: no operation mutates its operands. Methods ending in {@code InPlace}
 * would say otherwise; there are none.
 */
public final class ComplexTensor implements AutoCloseable {

    private final NDArray re;
    private final NDArray im;

    private ComplexTensor(NDArray re, NDArray im) {
        this.re = re;
        this.im = im;
    }

    /**
     * Pairs a real and an imaginary part.
     *
     * @throws IllegalArgumentException if shapes, dtypes or devices differ
     */
    public static ComplexTensor of(NDArray re, NDArray im) {
        Objects.requireNonNull(re, "re");
        Objects.requireNonNull(im, "im");
        if (!re.getShape().equals(im.getShape())) {
            throw new IllegalArgumentException(
                    "real and imaginary parts differ in shape: "
                            + re.getShape()
                            + " vs "
                            + im.getShape());
        }
        if (re.getDataType() != im.getDataType()) {
            throw new IllegalArgumentException(
                    "real and imaginary parts differ in dtype: "
                            + re.getDataType()
                            + " vs "
                            + im.getDataType());
        }
        if (!re.getDevice().equals(im.getDevice())) {
            throw new IllegalArgumentException(
                    "real and imaginary parts differ in device: "
                            + re.getDevice()
                            + " vs "
                            + im.getDevice());
        }
        return new ComplexTensor(re, im);
    }

    /** A real tensor seen as complex with a zero imaginary part (same manager as {@code re}). */
    public static ComplexTensor ofReal(NDArray re) {
        return new ComplexTensor(re, re.zerosLike());
    }

    /** Zeros of the given shape and real dtype in {@code manager}. */
    public static ComplexTensor zeros(NDManager manager, Shape shape, DataType dtype) {
        return new ComplexTensor(manager.zeros(shape, dtype), manager.zeros(shape, dtype));
    }

    /**
     * Builds a tensor from interleaved host values {@code (re0, im0, re1, im1, ...)} in C order.
     * Intended for small inputs and tests; hot paths never go through host arrays.
     */
    public static ComplexTensor fromInterleaved(
            NDManager manager, double[] interleaved, Shape shape, DataType dtype) {
        long n = shape.size();
        if (interleaved.length != 2 * n) {
            throw new IllegalArgumentException(
                    "expected " + 2 * n + " interleaved values for shape " + shape);
        }
        double[] r = new double[(int) n];
        double[] i = new double[(int) n];
        for (int k = 0; k < n; k++) {
            r[k] = interleaved[2 * k];
            i[k] = interleaved[2 * k + 1];
        }
        return new ComplexTensor(
                manager.create(r, shape).toType(dtype, false),
                manager.create(i, shape).toType(dtype, false));
    }

    /**
     * Circular complex Gaussian samples of unit variance ({@code E|z|^2 = 1}), drawn on the host
     * from {@code rng} so that the same seed gives the same values on any device.
     */
    public static ComplexTensor randomNormal(
            NDManager manager, Shape shape, DataType dtype, java.util.Random rng) {
        int n = Math.toIntExact(shape.size());
        double[] r = new double[n];
        double[] i = new double[n];
        double sd = Math.sqrt(0.5);
        for (int k = 0; k < n; k++) {
            r[k] = sd * rng.nextGaussian();
            i[k] = sd * rng.nextGaussian();
        }
        return new ComplexTensor(
                manager.create(r, shape).toType(dtype, false),
                manager.create(i, shape).toType(dtype, false));
    }

    /**
     * Converts a native complex array (complex64 or complex128) to a pair. No autograd flows
     * through this conversion.
     */
    public static ComplexTensor fromComplex(NDArray complex) {
        NDArray ri = complex.real(); // (..., 2): last axis holds (re, im)
        NDArray re = ri.get("..., 0");
        NDArray im = ri.get("..., 1");
        ri.close();
        return new ComplexTensor(re, im);
    }

    /** The real part. */
    public NDArray re() {
        return re;
    }

    /** The imaginary part. */
    public NDArray im() {
        return im;
    }

    /** The shape of each part. */
    public Shape getShape() {
        return re.getShape();
    }

    /** The real dtype of each part (float32 or float64). */
    public DataType getDataType() {
        return re.getDataType();
    }

    /** The device both parts live on. */
    public Device getDevice() {
        return re.getDevice();
    }

    /** The manager that owns the real part (and, by construction, the imaginary part). */
    public NDManager getManager() {
        return re.getManager();
    }

    /** Moves ownership of both parts to {@code manager} and returns this tensor. */
    public ComplexTensor attach(NDManager manager) {
        re.attach(manager);
        im.attach(manager);
        return this;
    }

    /** Attaches both parts temporarily to {@code manager} (DJL's tempAttach). */
    public ComplexTensor tempAttach(NDManager manager) {
        re.tempAttach(manager);
        im.tempAttach(manager);
        return this;
    }

    /** {@code this + other}. */
    public ComplexTensor add(ComplexTensor other) {
        return new ComplexTensor(re.add(other.re), im.add(other.im));
    }

    /** {@code this - other}. */
    public ComplexTensor sub(ComplexTensor other) {
        return new ComplexTensor(re.sub(other.re), im.sub(other.im));
    }

    /** {@code -this}. */
    public ComplexTensor neg() {
        return new ComplexTensor(re.neg(), im.neg());
    }

    /** The complex conjugate (differentiable: the real part is a view, not a detached copy). */
    public ComplexTensor conj() {
        return new ComplexTensor(re.reshape(re.getShape()), im.neg());
    }

    /** {@code alpha * this} for a real scalar. */
    public ComplexTensor scale(double alpha) {
        // a PyTorch-owned constant, not mul(Number): autograd keeps it (see Scalars#constant)
        try (NDArray a = Scalars.constant(re, alpha)) {
            return new ComplexTensor(re.mul(a), im.mul(a));
        }
    }

    /** {@code (a + j b) * this} for a complex scalar. */
    public ComplexTensor scale(double a, double b) {
        NDArray ca = Scalars.constant(re, a);
        NDArray cb = Scalars.constant(re, b);
        NDArray ra = re.mul(ca);
        NDArray ib = im.mul(cb);
        NDArray rb = re.mul(cb);
        NDArray ia = im.mul(ca);
        ca.close();
        cb.close();
        NDArray r = ra.sub(ib);
        NDArray i = rb.add(ia);
        ra.close();
        ib.close();
        rb.close();
        ia.close();
        return new ComplexTensor(r, i);
    }

    /** {@code w * this} for a real array {@code w} that broadcasts against this shape. */
    public ComplexTensor scale(NDArray w) {
        return new ComplexTensor(re.mul(w), im.mul(w));
    }

    /** Elementwise complex product {@code this .* other}, with broadcasting. */
    public ComplexTensor mul(ComplexTensor other) {
        NDArray ac = re.mul(other.re);
        NDArray bd = im.mul(other.im);
        NDArray ad = re.mul(other.im);
        NDArray bc = im.mul(other.re);
        NDArray r = ac.sub(bd);
        NDArray i = ad.add(bc);
        ac.close();
        bd.close();
        ad.close();
        bc.close();
        return new ComplexTensor(r, i);
    }

    /** Elementwise {@code conj(this) .* other}, with broadcasting. */
    public ComplexTensor conjMul(ComplexTensor other) {
        NDArray ac = re.mul(other.re);
        NDArray bd = im.mul(other.im);
        NDArray ad = re.mul(other.im);
        NDArray bc = im.mul(other.re);
        NDArray r = ac.add(bd);
        NDArray i = ad.sub(bc);
        ac.close();
        bd.close();
        ad.close();
        bc.close();
        return new ComplexTensor(r, i);
    }

    /**
     * Batched complex matrix product {@code this @ other} over the last two axes, broadcasting the
     * leading ones (PyTorch's matmul rule). The kernel is {@link ComplexMatMul#DEFAULT}.
     */
    public ComplexTensor matMul(ComplexTensor other) {
        return ComplexMatMul.DEFAULT.multiply(this, other);
    }

    /** Swaps the last two axes (no conjugation). */
    public ComplexTensor transpose() {
        int nd = re.getShape().dimension();
        int[] axes = new int[nd];
        for (int k = 0; k < nd; k++) {
            axes[k] = k;
        }
        axes[nd - 2] = nd - 1;
        axes[nd - 1] = nd - 2;
        return new ComplexTensor(re.transpose(axes), im.transpose(axes));
    }

    /** Conjugate transpose of the last two axes. */
    public ComplexTensor conjTranspose() {
        ComplexTensor t = transpose();
        return new ComplexTensor(t.re, t.im.neg());
    }

    /** The modulus {@code |this|}, elementwise, as a real array. */
    public NDArray abs() {
        try (NDArray a2 = abs2()) {
            return a2.sqrt();
        }
    }

    /** The squared modulus {@code |this|^2}, elementwise, as a real array. */
    public NDArray abs2() {
        return re.square().add(im.square());
    }

    /** {@code ||this||^2} over all elements, as a real scalar array (stays on the device). */
    public NDArray norm2Squared() {
        try (NDArray a2 = abs2()) {
            return a2.sum();
        }
    }

    /** {@code ||this||_2} over all elements, as a real scalar array (stays on the device). */
    public NDArray norm() {
        try (NDArray n2 = norm2Squared()) {
            return n2.sqrt();
        }
    }

    /**
     * The inner product {@code <this, other> = sum conj(this) * other} over all elements, as a
     * complex scalar (shape ()) on the device.
     */
    public ComplexTensor inner(ComplexTensor other) {
        NDArray r = re.mul(other.re).add(im.mul(other.im)).sum();
        NDArray i = re.mul(other.im).sub(im.mul(other.re)).sum();
        return new ComplexTensor(r, i);
    }

    /** Sums over the given axes. */
    public ComplexTensor sum(int[] axes) {
        return new ComplexTensor(re.sum(axes), im.sum(axes));
    }

    /** Reshapes both parts. */
    public ComplexTensor reshape(Shape shape) {
        return new ComplexTensor(re.reshape(shape), im.reshape(shape));
    }

    /** Inserts an axis of length one at {@code axis}. */
    public ComplexTensor expandDims(int axis) {
        return new ComplexTensor(re.expandDims(axis), im.expandDims(axis));
    }

    /** Indexes both parts with a DJL index expression, e.g. {@code "0, :, 1"}. */
    public ComplexTensor get(String index, Object... args) {
        return new ComplexTensor(re.get(index, args), im.get(index, args));
    }

    /** Converts both parts to {@code dtype}. */
    public ComplexTensor toType(DataType dtype) {
        return new ComplexTensor(re.toType(dtype, true), im.toType(dtype, true));
    }

    /** Copies both parts to {@code device}. */
    public ComplexTensor toDevice(Device device) {
        return new ComplexTensor(re.toDevice(device, true), im.toDevice(device, true));
    }

    /**
     * New handles on the same data, on the autograd graph: what to use where a separate, closable
     * handle is needed and gradients must flow (the tensor is immutable, so sharing data is safe).
     */
    public ComplexTensor view() {
        return new ComplexTensor(re.reshape(re.getShape()), im.reshape(im.getShape()));
    }

    /**
     * A copy whose parts are new arrays in the same manager. Like DJL's {@code duplicate}, the copy
     * is detached from the autograd graph: use {@link #view()} where gradients must flow.
     */
    public ComplexTensor duplicate() {
        return new ComplexTensor(re.duplicate(), im.duplicate());
    }

    /** Stacks real and imaginary parts on a new last axis: shape {@code (..., 2)}, a real array. */
    public NDArray stackLast() {
        return re.stack(im, -1);
    }

    /**
     * Stacks real and imaginary parts on a new channel axis {@code axis} (channel 0 real, 1
     * imaginary): the real layout networks and datasets exchange, e.g. {@code (B, 2, N2, N1)}.
     */
    public NDArray stackChannels(int axis) {
        return re.stack(im, axis);
    }

    /**
     * Splits a channel axis of length 2 (real, imaginary) back into a pair; the inverse of {@link
     * #stackChannels}. Differentiable.
     *
     * @throws IllegalArgumentException if the axis does not have length 2
     */
    public static ComplexTensor fromChannels(NDArray a, int axis) {
        int ax = axis < 0 ? axis + a.getShape().dimension() : axis;
        if (ax < 0 || ax >= a.getShape().dimension() || a.getShape().get(ax) != 2) {
            throw new IllegalArgumentException(
                    "axis "
                            + axis
                            + " of "
                            + a.getShape()
                            + " is not a (re, im) channel axis of length 2");
        }
        String lead = ":, ".repeat(ax);
        return new ComplexTensor(a.get(lead + "0"), a.get(lead + "1"));
    }

    /** Converts to a native complex array (complex64/complex128). No autograd. */
    public NDArray toComplex() {
        try (NDArray ri = stackLast()) {
            return ri.complex();
        }
    }

    /** Copies to the host as interleaved doubles {@code (re0, im0, re1, im1, ...)}, C order. */
    public double[] toInterleaved() {
        double[] r = re.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] i = im.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] out = new double[2 * r.length];
        for (int k = 0; k < r.length; k++) {
            out[2 * k] = r[k];
            out[2 * k + 1] = i[k];
        }
        return out;
    }

    /** Whether any element of either part is NaN or infinite (one host read). */
    public boolean hasNonFinite() {
        try (NDArray a = re.add(im)) {
            // NaN and +-Inf both survive into the sum of the two parts (Inf-Inf gives NaN).
            try (NDArray bad = a.isNaN().logicalOr(a.isInfinite())) {
                return bad.any().getBoolean();
            }
        }
    }

    /** Frees both parts now. */
    @Override
    public void close() {
        re.close();
        im.close();
    }

    @Override
    public String toString() {
        return "ComplexTensor" + getShape() + " " + getDataType() + " on " + getDevice();
    }
}
