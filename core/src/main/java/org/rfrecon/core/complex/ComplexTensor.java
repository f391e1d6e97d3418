package org.rfrecon.core.complex;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
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
 * <p><b>Stacked storage.</b> A tensor may also hold both parts in one real array of shape {@code
 * (2, ...)} ({@link #ofStacked}: operator results, {@link #zeros}, and what arithmetic makes from
 * stacked operands). Then {@link #add}, {@link #sub}, {@link #neg}, the real scalings, {@link
 * #abs2}, the sums, reshapes and conversions are one native call instead of two, which halves the
 * host overhead of the solvers' vector updates; {@link #re()} and {@link #im()} are views of the
 * stacked array, made on first use (and remade if a scope freed them), so every consumer of parts
 * keeps working and autograd flows through the views. Operations that need the parts apart (the
 * complex products, indexing) take the pair path and return pairs. Values are identical either way:
 * the same real operation runs on the same numbers.
 *
 * <p>A caller that keeps a result beyond an {@link ai.djl.ndarray.NDScope} unregisters {@link
 * #handles()}; unregistering only {@code re()} and {@code im()} is also correct (the stacked array
 * is then freed with the scope and the tensor continues as a pair).
 *
 * <p>The type is a value: no operation mutates its operands. Methods ending in {@code InPlace}
 * would say otherwise; there are none.
 */
public final class ComplexTensor implements AutoCloseable {

    private NDArray re; // a view of ri when stacked, made on first use
    private NDArray im;
    private final NDArray ri; // (2, ...) real and imaginary parts stacked, or null for a pair
    // ri is a view of a native complex array's interleaved (re, im) memory (fromComplex): moving
    // its first axis last gives back a layout view_as_complex accepts, without a copy
    private final boolean interleaved;

    private ComplexTensor(NDArray re, NDArray im) {
        this.re = re;
        this.im = im;
        this.ri = null;
        this.interleaved = false;
    }

    private ComplexTensor(NDArray stacked) {
        this(stacked, false);
    }

    private ComplexTensor(NDArray stacked, boolean interleaved) {
        this.ri = stacked;
        this.interleaved = interleaved;
    }

    /**
     * A tensor stored as one real array {@code (2, ...)}: index 0 the real part, 1 the imaginary
     * part. The tensor takes ownership of {@code stacked}.
     *
     * @throws IllegalArgumentException if the first axis does not have length 2
     */
    public static ComplexTensor ofStacked(NDArray stacked) {
        Objects.requireNonNull(stacked, "stacked");
        Shape s = stacked.getShape();
        if (s.dimension() < 1 || s.get(0) != 2) {
            throw new IllegalArgumentException(
                    "a stacked complex array has a first axis of length 2, got " + s);
        }
        return new ComplexTensor(stacked);
    }

    /** Whether the stacked array is there to compute with. */
    private boolean hasStacked() {
        return ri != null && !ri.isReleased();
    }

    /** Whether {@code this} and {@code other} can be combined on their stacked arrays. */
    private boolean stackedWith(ComplexTensor other) {
        return hasStacked()
                && other.hasStacked()
                && ri.getShape().dimension() == other.ri.getShape().dimension();
    }

    /** Whether {@code w} broadcasts against the parts without reaching the stacking axis. */
    private boolean stackedWith(NDArray w) {
        return hasStacked() && w.getShape().dimension() < ri.getShape().dimension();
    }

    /** {@code axis} of a part as an axis of the stacked array. */
    private int stackedAxis(int axis) {
        int nd = ri.getShape().dimension() - 1;
        return (axis < 0 ? axis + nd : axis) + 1;
    }

    /**
     * The parts as one real array {@code (2, ...)} (index 0 real, 1 imaginary), a new handle the
     * caller owns: a view of the stored array when stacked (no kernel), else one stack.
     * Differentiable.
     */
    public NDArray asStacked() {
        if (hasStacked()) {
            return ri.reshape(ri.getShape());
        }
        return re().stack(im(), 0);
    }

    /**
     * The parts, each viewed as {@code partShape} and its axes permuted by {@code axes}, stacked on
     * a new axis {@code at} (index 0 real, 1 imaginary), a new handle the caller owns. This is the
     * layout a GEMM on stacked parts reads: a pair makes it in one stack, whose one copy writes the
     * permuted order directly, and a stacked tensor as a view of its array, which the caller's
     * reshape copies only where the layout needs it. So either form costs at most one copy, where
     * {@code asStacked()} and a permutation of the stack cost a pair two. Differentiable.
     *
     * @param partShape a shape with as many elements as a part (a view: the parts are not copied)
     * @param axes a permutation of {@code partShape}'s axes, or {@code null} for none
     * @param at where the new axis goes among the {@code partShape.dimension() + 1} of the result
     * @throws IllegalArgumentException if {@code axes} is not a permutation of the part axes or
     *     {@code at} is out of range
     */
    public NDArray stackedAs(Shape partShape, int[] axes, int at) {
        int nd = partShape.dimension();
        int[] order = axes == null ? identity(nd) : axes;
        boolean permuted = checkPermutation(order, nd);
        if (at < 0 || at > nd) {
            throw new IllegalArgumentException(
                    "the stacking axis of " + (nd + 1) + " axes is 0 to " + nd + ", not " + at);
        }
        if (hasStacked()) {
            int[] stackedOrder = new int[nd + 1];
            for (int k = 0, src = 0; k <= nd; k++) {
                stackedOrder[k] = k == at ? 0 : order[src++] + 1;
            }
            Shape stackedShape = new Shape(2).addAll(partShape);
            if (!permuted && at == 0) {
                return ri.reshape(stackedShape);
            }
            NDArray whole = ri.getShape().equals(stackedShape) ? ri : ri.reshape(stackedShape);
            try {
                return whole.transpose(stackedOrder);
            } finally {
                closeView(whole, ri);
            }
        }
        NDArray r = partView(re(), partShape, order, permuted);
        NDArray i = partView(im(), partShape, order, permuted);
        try {
            return r.stack(i, at);
        } finally {
            closeView(r, re());
            closeView(i, im());
        }
    }

    private static int[] identity(int nd) {
        int[] order = new int[nd];
        for (int k = 0; k < nd; k++) {
            order[k] = k;
        }
        return order;
    }

    /**
     * Whether {@code order} moves any axis (plain loops: this runs in every operator call).
     *
     * @throws IllegalArgumentException if it is not a permutation of {@code nd} axes
     */
    private static boolean checkPermutation(int[] order, int nd) {
        boolean[] seen = new boolean[nd];
        boolean moved = false;
        boolean valid = order.length == nd;
        for (int k = 0; valid && k < nd; k++) {
            int a = order[k];
            valid = a >= 0 && a < nd && !seen[a];
            if (valid) {
                seen[a] = true;
                moved |= a != k;
            }
        }
        if (!valid) {
            throw new IllegalArgumentException(
                    "not a permutation of " + nd + " axes: " + Arrays.toString(order));
        }
        return moved;
    }

    /**
     * {@code part} as {@code shape}, permuted by {@code order}: {@code part} itself where that
     * changes nothing, else a new view.
     */
    private static NDArray partView(NDArray part, Shape shape, int[] order, boolean permuted) {
        NDArray v = part.getShape().equals(shape) ? part : part.reshape(shape);
        if (!permuted) {
            return v;
        }
        try {
            return v.transpose(order);
        } finally {
            closeView(v, part);
        }
    }

    private static void closeView(NDArray view, NDArray part) {
        if (view != part) {
            view.close();
        }
    }

    /**
     * The arrays this tensor holds now: what to unregister from an {@link ai.djl.ndarray.NDScope}
     * to keep the tensor beyond it.
     */
    public NDArray[] handles() {
        java.util.List<NDArray> h = new java.util.ArrayList<>(3);
        if (hasStacked()) {
            h.add(ri);
        }
        if (re != null && !re.isReleased()) {
            h.add(re);
        }
        if (im != null && !im.isReleased()) {
            h.add(im);
        }
        return h.toArray(new NDArray[0]);
    }

    /**
     * Pairs a real and an imaginary part.
     *
     * @throws IllegalArgumentException if shapes, dtypes or devices differ
     */
    public static ComplexTensor of(NDArray re, NDArray im) {
        Objects.requireNonNull(re, "re");
        Objects.requireNonNull(im, "im");
        requireSame("shape", re.getShape(), im.getShape());
        requireSame("dtype", re.getDataType(), im.getDataType());
        requireSame("device", re.getDevice(), im.getDevice());
        return new ComplexTensor(re, im);
    }

    private static void requireSame(String what, Object ofRe, Object ofIm) {
        if (!ofRe.equals(ofIm)) {
            throw new IllegalArgumentException(
                    "real and imaginary parts differ in " + what + ": " + ofRe + " vs " + ofIm);
        }
    }

    /** A real tensor seen as complex with a zero imaginary part (same manager as {@code re}). */
    public static ComplexTensor ofReal(NDArray re) {
        return new ComplexTensor(re, re.zerosLike());
    }

    /** Zeros of the given shape and real dtype in {@code manager} (stacked: one array). */
    public static ComplexTensor zeros(NDManager manager, Shape shape, DataType dtype) {
        return new ComplexTensor(manager.zeros(new Shape(2).addAll(shape), dtype));
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
        return fromComplexSwapped(complex, -1);
    }

    /**
     * As {@link #fromComplex}, with the axes {@code axis} and {@code axis + 1} of {@code complex}
     * swapped in the result (still a view, no copy); {@code axis = -1} swaps nothing.
     */
    public static ComplexTensor fromComplexSwapped(NDArray complex, int axis) {
        NDArray ri = complex.real(); // (..., 2): last axis holds (re, im)
        int nd = ri.getShape().dimension();
        int[] axes = new int[nd];
        axes[0] = nd - 1;
        for (int k = 1; k < nd; k++) {
            axes[k] = k - 1;
        }
        if (axis >= 0) {
            axes[axis + 1] = axis + 1;
            axes[axis + 2] = axis;
        }
        try (ri) {
            return new ComplexTensor(ri.transpose(axes), true); // (2, ...), a view
        }
    }

    /** The real part (a view of the stacked array, if stacked). */
    public NDArray re() {
        if (re == null || re.isReleased()) {
            re = ri.get(0);
        }
        return re;
    }

    /** The imaginary part (a view of the stacked array, if stacked). */
    public NDArray im() {
        if (im == null || im.isReleased()) {
            im = ri.get(1);
        }
        return im;
    }

    /** The shape of each part. */
    public Shape getShape() {
        return hasStacked() ? ri.getShape().slice(1) : re().getShape();
    }

    /** The real dtype of each part (float32 or float64). */
    public DataType getDataType() {
        return hasStacked() ? ri.getDataType() : re().getDataType();
    }

    /** The device both parts live on. */
    public Device getDevice() {
        return hasStacked() ? ri.getDevice() : re().getDevice();
    }

    /** The manager that owns the real part (and, by construction, the imaginary part). */
    public NDManager getManager() {
        return hasStacked() ? ri.getManager() : re().getManager();
    }

    /** Moves ownership of both parts to {@code manager} and returns this tensor. */
    public ComplexTensor attach(NDManager manager) {
        for (NDArray a : handles()) {
            a.attach(manager);
        }
        return this;
    }

    /** Attaches both parts temporarily to {@code manager} (DJL's tempAttach). */
    public ComplexTensor tempAttach(NDManager manager) {
        for (NDArray a : handles()) {
            a.tempAttach(manager);
        }
        return this;
    }

    /** {@code this + other}. */
    public ComplexTensor add(ComplexTensor other) {
        if (stackedWith(other)) {
            return new ComplexTensor(ri.add(other.ri));
        }
        return new ComplexTensor(re().add(other.re()), im().add(other.im()));
    }

    /** {@code this - other}. */
    public ComplexTensor sub(ComplexTensor other) {
        if (stackedWith(other)) {
            return new ComplexTensor(ri.sub(other.ri));
        }
        return new ComplexTensor(re().sub(other.re()), im().sub(other.im()));
    }

    /** {@code -this}. */
    public ComplexTensor neg() {
        if (hasStacked()) {
            return new ComplexTensor(ri.neg());
        }
        return new ComplexTensor(re().neg(), im().neg());
    }

    /** The complex conjugate (differentiable: the real part is a view, not a detached copy). */
    public ComplexTensor conj() {
        return new ComplexTensor(re().reshape(re().getShape()), im().neg());
    }

    /** {@code alpha * this} for a real scalar. */
    public ComplexTensor scale(double alpha) {
        // a PyTorch-owned constant, not mul(Number): autograd keeps it (see Scalars#constant)
        if (hasStacked()) {
            try (NDArray a = Scalars.constant(ri, alpha)) {
                return new ComplexTensor(ri.mul(a));
            }
        }
        try (NDArray a = Scalars.constant(re(), alpha)) {
            return new ComplexTensor(re().mul(a), im().mul(a));
        }
    }

    /** {@code (a + j b) * this} for a complex scalar. */
    public ComplexTensor scale(double a, double b) {
        NDArray ca = Scalars.constant(re(), a);
        NDArray cb = Scalars.constant(re(), b);
        NDArray ra = re().mul(ca);
        NDArray ib = im().mul(cb);
        NDArray rb = re().mul(cb);
        NDArray ia = im().mul(ca);
        closeAll(ca, cb);
        NDArray r = ra.sub(ib);
        NDArray i = rb.add(ia);
        closeAll(ra, ib, rb, ia);
        return new ComplexTensor(r, i);
    }

    /** {@code w * this} for a real array {@code w} that broadcasts against this shape. */
    public ComplexTensor scale(NDArray w) {
        if (stackedWith(w)) {
            return new ComplexTensor(ri.mul(w));
        }
        return new ComplexTensor(re().mul(w), im().mul(w));
    }

    /** Elementwise complex product {@code this .* other}, with broadcasting. */
    public ComplexTensor mul(ComplexTensor other) {
        return product(other, false);
    }

    /** Elementwise {@code conj(this) .* other}, with broadcasting. */
    public ComplexTensor conjMul(ComplexTensor other) {
        return product(other, true);
    }

    /** {@code this .* other}, or {@code conj(this) .* other}: four real products, two sums. */
    private ComplexTensor product(ComplexTensor other, boolean conjugateThis) {
        NDArray ac = re().mul(other.re());
        NDArray bd = im().mul(other.im());
        NDArray ad = re().mul(other.im());
        NDArray bc = im().mul(other.re());
        NDArray r = conjugateThis ? ac.add(bd) : ac.sub(bd);
        NDArray i = conjugateThis ? ad.sub(bc) : ad.add(bc);
        closeAll(ac, bd, ad, bc);
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
        if (hasStacked()) {
            int nd = ri.getShape().dimension();
            int[] axes = new int[nd];
            for (int k = 0; k < nd; k++) {
                axes[k] = k;
            }
            axes[nd - 2] = nd - 1;
            axes[nd - 1] = nd - 2;
            return new ComplexTensor(ri.transpose(axes));
        }
        int nd = getShape().dimension();
        int[] axes = new int[nd];
        for (int k = 0; k < nd; k++) {
            axes[k] = k;
        }
        axes[nd - 2] = nd - 1;
        axes[nd - 1] = nd - 2;
        return new ComplexTensor(re().transpose(axes), im().transpose(axes));
    }

    /** Conjugate transpose of the last two axes. */
    public ComplexTensor conjTranspose() {
        ComplexTensor t = transpose();
        return new ComplexTensor(t.re(), t.im().neg());
    }

    /** The modulus {@code |this|}, elementwise, as a real array. */
    public NDArray abs() {
        try (NDArray a2 = abs2()) {
            return a2.sqrt();
        }
    }

    /** The squared modulus {@code |this|^2}, elementwise, as a real array. */
    public NDArray abs2() {
        if (hasStacked()) {
            try (NDArray sq = ri.square()) {
                return sq.sum(new int[] {0});
            }
        }
        return re().square().add(im().square());
    }

    /** {@code ||this||^2} over all elements, as a real scalar array (stays on the device). */
    public NDArray norm2Squared() {
        if (hasStacked()) {
            try (NDArray sq = ri.square()) {
                return sq.sum();
            }
        }
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
        NDArray r = re().mul(other.re()).add(im().mul(other.im())).sum();
        NDArray i = re().mul(other.im()).sub(im().mul(other.re())).sum();
        return new ComplexTensor(r, i);
    }

    /**
     * {@code Re sum conj(this) * other = sum (re re' + im im')} over {@code axes} of the parts,
     * keeping them (length 1): per-system inner products that broadcast against the parts. Three
     * native calls on stacked operands, four on pairs.
     */
    public NDArray realDot(ComplexTensor other, int[] axes) {
        if (stackedWith(other)) {
            int[] shifted = new int[axes.length];
            for (int k = 0; k < axes.length; k++) {
                shifted[k] = stackedAxis(axes[k]);
            }
            try (NDArray prod = ri.mul(other.ri);
                    NDArray partial = prod.sum(shifted, true)) {
                return partial.sum(new int[] {0});
            }
        }
        try (NDArray rr = re().mul(other.re());
                NDArray ii = im().mul(other.im());
                NDArray sum = rr.add(ii)) {
            return sum.sum(axes, true);
        }
    }

    /** Sums over the given axes. */
    public ComplexTensor sum(int[] axes) {
        if (hasStacked()) {
            int[] shifted = new int[axes.length];
            for (int k = 0; k < axes.length; k++) {
                shifted[k] = stackedAxis(axes[k]);
            }
            return new ComplexTensor(ri.sum(shifted));
        }
        return new ComplexTensor(re().sum(axes), im().sum(axes));
    }

    /** Reshapes both parts. */
    public ComplexTensor reshape(Shape shape) {
        if (hasStacked()) {
            return new ComplexTensor(ri.reshape(new Shape(2).addAll(shape)));
        }
        return new ComplexTensor(re().reshape(shape), im().reshape(shape));
    }

    /** Inserts an axis of length one at {@code axis}. */
    public ComplexTensor expandDims(int axis) {
        if (hasStacked()) {
            return new ComplexTensor(ri.expandDims(axis < 0 ? axis : axis + 1));
        }
        return new ComplexTensor(re().expandDims(axis), im().expandDims(axis));
    }

    /** Indexes both parts with a DJL index expression, e.g. {@code "0, :, 1"}. */
    public ComplexTensor get(String index, Object... args) {
        return new ComplexTensor(re().get(index, args), im().get(index, args));
    }

    /** Converts both parts to {@code dtype}. */
    public ComplexTensor toType(DataType dtype) {
        if (hasStacked()) {
            return new ComplexTensor(ri.toType(dtype, true));
        }
        return new ComplexTensor(re().toType(dtype, true), im().toType(dtype, true));
    }

    /** Copies both parts to {@code device}. */
    public ComplexTensor toDevice(Device device) {
        if (hasStacked()) {
            return new ComplexTensor(ri.toDevice(device, true));
        }
        return new ComplexTensor(re().toDevice(device, true), im().toDevice(device, true));
    }

    /**
     * New handles on the same data, on the autograd graph: what to use where a separate, closable
     * handle is needed and gradients must flow (the tensor is immutable, so sharing data is safe).
     */
    public ComplexTensor view() {
        if (hasStacked()) {
            return new ComplexTensor(ri.reshape(ri.getShape()));
        }
        return new ComplexTensor(re().reshape(re().getShape()), im().reshape(im().getShape()));
    }

    /**
     * A copy whose parts are new arrays in the same manager. Like DJL's {@code duplicate}, the copy
     * is detached from the autograd graph: use {@link #view()} where gradients must flow.
     */
    public ComplexTensor duplicate() {
        if (hasStacked()) {
            return new ComplexTensor(ri.duplicate());
        }
        return new ComplexTensor(re().duplicate(), im().duplicate());
    }

    /** Stacks real and imaginary parts on a new last axis: shape {@code (..., 2)}, a real array. */
    public NDArray stackLast() {
        return re().stack(im(), -1);
    }

    /**
     * Stacks real and imaginary parts on a new channel axis {@code axis} (channel 0 real, 1
     * imaginary): the real layout networks and datasets exchange, e.g. {@code (B, 2, N2, N1)}.
     */
    public NDArray stackChannels(int axis) {
        if (hasStacked()) {
            // move the stacking axis to position `axis`: a view
            int nd = ri.getShape().dimension();
            int at = axis < 0 ? axis + nd : axis;
            int[] axes = new int[nd];
            for (int k = 0, src = 1; k < nd; k++) {
                axes[k] = k == at ? 0 : src++;
            }
            return ri.transpose(axes);
        }
        return re().stack(im(), axis);
    }

    /**
     * The index, from 0, of {@code a}'s (real, imaginary) channel axis {@code axis} (negative
     * counts from the end).
     *
     * @throws IllegalArgumentException if the axis does not exist or does not have length 2
     */
    public static int channelAxis(NDArray a, int axis) {
        int ax = axis < 0 ? axis + a.getShape().dimension() : axis;
        if (ax < 0 || ax >= a.getShape().dimension() || a.getShape().get(ax) != 2) {
            throw new IllegalArgumentException(
                    "axis "
                            + axis
                            + " of "
                            + a.getShape()
                            + " is not a (re, im) channel axis of length 2");
        }
        return ax;
    }

    /**
     * Splits a channel axis of length 2 (real, imaginary) back into a pair; the inverse of {@link
     * #stackChannels}. Differentiable.
     *
     * @throws IllegalArgumentException if the axis does not have length 2
     */
    public static ComplexTensor fromChannels(NDArray a, int axis) {
        int ax = channelAxis(a, axis);
        // the channel axis moved to the front: one view, a stacked tensor
        int nd = a.getShape().dimension();
        int[] axes = new int[nd];
        axes[0] = ax;
        for (int k = 1, src = 0; k < nd; k++, src++) {
            if (src == ax) {
                src++;
            }
            axes[k] = src;
        }
        return new ComplexTensor(a.transpose(axes));
    }

    /**
     * Converts to a native complex array (complex64/complex128): a view of this tensor's memory
     * when it came from {@link #fromComplex} (not to be modified in place), else a new array. No
     * autograd.
     */
    public NDArray toComplex() {
        if (interleaved && hasStacked()) {
            // the stacking axis back to the end: the interleaved memory as it was, a view
            try (NDArray last = stackChannels(-1)) {
                return last.complex();
            }
        }
        try (NDArray ri = stackLast()) {
            return ri.complex();
        }
    }

    /** Copies to the host as interleaved doubles {@code (re0, im0, re1, im1, ...)}, C order. */
    public double[] toInterleaved() {
        double[] r = re().toType(DataType.FLOAT64, false).toDoubleArray();
        double[] i = im().toType(DataType.FLOAT64, false).toDoubleArray();
        double[] out = new double[2 * r.length];
        for (int k = 0; k < r.length; k++) {
            out[2 * k] = r[k];
            out[2 * k + 1] = i[k];
        }
        return out;
    }

    /** Whether any element of either part is NaN or infinite (one host read). */
    public boolean hasNonFinite() {
        try (NDArray a = re().add(im())) {
            // NaN and +-Inf both survive into the sum of the two parts (Inf-Inf gives NaN).
            try (NDArray bad = a.isNaN().logicalOr(a.isInfinite())) {
                return bad.any().getBoolean();
            }
        }
    }

    /** Closes the temporaries of an arithmetic step, in order. */
    static void closeAll(NDArray... temporaries) {
        for (NDArray t : temporaries) {
            t.close();
        }
    }

    /** Frees both parts now. */
    @Override
    public void close() {
        if (ri != null) {
            ri.close();
        }
        if (re != null) {
            re.close();
        }
        if (im != null) {
            im.close();
        }
    }

    @Override
    public String toString() {
        return "ComplexTensor" + getShape() + " " + getDataType() + " on " + getDevice();
    }
}
