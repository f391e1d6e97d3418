package org.rfrecon.datasets.npy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * An immutable array on the host as NumPy stores it: a dtype, a C-order shape and the little-endian
 * element bytes (complex elements interleave real and imaginary parts).
 *
 * <p>Conversions to the device ({@link #toComplexTensor}, {@link #toNDArray}) return arrays owned
 * by the manager given, in memory the engine allocated: never views of a temporary array. (On the
 * CPU, DJL's {@code create} wraps a direct buffer that only the created array keeps reachable; a
 * view of that array outliving it reads freed memory after the next garbage collection.)
 * Conversions from the device copy the data to the host once.
 */
public final class HostArray {

    private final DType dtype;
    private final long[] shape;
    private final ByteBuffer data;

    private HostArray(DType dtype, long[] shape, ByteBuffer data) {
        this.dtype = dtype;
        this.shape = shape;
        this.data = data;
    }

    /**
     * An array over a copy of {@code data}'s remaining bytes (little-endian element order).
     *
     * @throws IllegalArgumentException if the byte count is not {@code size * itemSize}
     */
    public static HostArray of(DType dtype, long[] shape, ByteBuffer data) {
        long size = checkedSize(shape);
        long need = size * dtype.itemSize();
        if (data.remaining() != need) {
            throw new IllegalArgumentException(
                    "shape "
                            + Arrays.toString(shape)
                            + " of "
                            + dtype.descr()
                            + " needs "
                            + need
                            + " bytes, got "
                            + data.remaining());
        }
        ByteBuffer copy = ByteBuffer.allocate((int) need);
        copy.put(data.duplicate());
        copy.flip();
        return new HostArray(dtype, shape.clone(), copy.asReadOnlyBuffer());
    }

    /** A float64 array. */
    public static HostArray ofDoubles(long[] shape, double[] values) {
        ByteBuffer b = allocate(values.length * 8L);
        b.asDoubleBuffer().put(values);
        return of(DType.FLOAT64, shape, b);
    }

    /** A float32 array. */
    public static HostArray ofFloats(long[] shape, float[] values) {
        ByteBuffer b = allocate(values.length * 4L);
        b.asFloatBuffer().put(values);
        return of(DType.FLOAT32, shape, b);
    }

    /** An int64 array. */
    public static HostArray ofLongs(long[] shape, long[] values) {
        ByteBuffer b = allocate(values.length * 8L);
        b.asLongBuffer().put(values);
        return of(DType.INT64, shape, b);
    }

    /** A bool array. */
    public static HostArray ofBooleans(long[] shape, boolean[] values) {
        ByteBuffer b = allocate(values.length);
        for (boolean v : values) {
            b.put((byte) (v ? 1 : 0));
        }
        b.flip();
        return of(DType.BOOL, shape, b);
    }

    /** A uint8 array of {@code values} (read as unsigned). */
    public static HostArray ofBytes(long[] shape, byte[] values) {
        return of(DType.UINT8, shape, ByteBuffer.wrap(values));
    }

    /** A 1-D uint8 array holding {@code text} as UTF-8 (SPEC §3 {@code meta}). */
    public static HostArray ofUtf8(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return ofBytes(new long[] {b.length}, b);
    }

    /**
     * A complex array from interleaved values {@code (re0, im0, re1, im1, ...)}.
     *
     * @param dtype {@link DType#COMPLEX64} or {@link DType#COMPLEX128}
     */
    public static HostArray ofComplex(DType dtype, long[] shape, double[] interleaved) {
        if (!dtype.isComplex()) {
            throw new IllegalArgumentException("ofComplex needs a complex dtype, got " + dtype);
        }
        ByteBuffer b = allocate(interleaved.length * (long) dtype.itemSize() / 2);
        if (dtype == DType.COMPLEX128) {
            b.asDoubleBuffer().put(interleaved);
        } else {
            for (int i = 0; i < interleaved.length; i++) {
                b.putFloat(4 * i, (float) interleaved[i]);
            }
        }
        return of(dtype, shape, b);
    }

    /**
     * Copies a complex pair to the host; the dtype follows the parts' real dtype (float32 gives
     * {@code <c8}, float64 {@code <c16}).
     */
    public static HostArray fromComplexTensor(ComplexTensor x) {
        DType dtype = DType.ofComplex(x.getDataType());
        try (NDArray ri = x.stackLast()) {
            return of(
                    dtype,
                    x.getShape().getShape(),
                    ri.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN));
        }
    }

    /** Copies a real DJL array to the host. */
    public static HostArray fromNDArray(NDArray a) {
        DType dtype = DType.ofReal(a.getDataType());
        return of(dtype, a.getShape().getShape(), a.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    /** The dtype. */
    public DType dtype() {
        return dtype;
    }

    /** A copy of the C-order shape ({} for a scalar). */
    public long[] shape() {
        return shape.clone();
    }

    /** The shape as a DJL {@link Shape}. */
    public Shape djlShape() {
        return new Shape(shape);
    }

    /** The number of elements. */
    public long size() {
        return checkedSize(shape);
    }

    /** A read-only little-endian view of the element bytes, positioned at 0. */
    public ByteBuffer data() {
        return data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The element bytes as a new array. */
    public byte[] toByteArray() {
        byte[] out = new byte[data.capacity()];
        data.duplicate().get(out);
        return out;
    }

    /** Real values as doubles (float32/64, int64, bool, uint8 converted). */
    public double[] toDoubleArray() {
        if (dtype.isComplex()) {
            throw new IllegalArgumentException(
                    "toDoubleArray on complex " + dtype.descr() + "; use toInterleaved");
        }
        ByteBuffer b = data();
        double[] out = new double[(int) size()];
        for (int i = 0; i < out.length; i++) {
            switch (dtype) {
                case FLOAT32:
                    out[i] = b.getFloat(4 * i);
                    break;
                case FLOAT64:
                    out[i] = b.getDouble(8 * i);
                    break;
                case INT64:
                    out[i] = b.getLong(8 * i);
                    break;
                default:
                    out[i] = b.get(i) & 0xff;
            }
        }
        return out;
    }

    /** Complex values interleaved {@code (re0, im0, ...)} as doubles. */
    public double[] toInterleaved() {
        if (!dtype.isComplex()) {
            throw new IllegalArgumentException("toInterleaved on real " + dtype.descr());
        }
        ByteBuffer b = data();
        double[] out = new double[(int) (2 * size())];
        for (int i = 0; i < out.length; i++) {
            out[i] = dtype == DType.COMPLEX128 ? b.getDouble(8 * i) : b.getFloat(4 * i);
        }
        return out;
    }

    /** int64 values. */
    public long[] toLongArray() {
        if (dtype != DType.INT64) {
            throw new IllegalArgumentException("toLongArray on " + dtype.descr());
        }
        long[] out = new long[(int) size()];
        data().asLongBuffer().get(out);
        return out;
    }

    /** uint8 bytes decoded as UTF-8 text. */
    public String toUtf8() {
        if (dtype != DType.UINT8 || shape.length != 1) {
            throw new IllegalArgumentException("text must be a 1-D |u1 array, got " + describe());
        }
        return new String(toByteArray(), StandardCharsets.UTF_8);
    }

    /**
     * A complex pair in {@code manager} with the parts' natural dtype (float32 for {@code <c8},
     * float64 for {@code <c16}); real arrays get a zero imaginary part.
     */
    public ComplexTensor toComplexTensor(NDManager manager) {
        if (!dtype.isComplex()) {
            NDArray re = toNDArray(manager);
            DataType t = dtype == DType.FLOAT32 ? DataType.FLOAT32 : DataType.FLOAT64;
            return ComplexTensor.ofReal(re.toType(t, false));
        }
        Shape ri = djlShape().add(2);
        try (NDManager tmp = manager.newSubManager()) {
            NDArray a = tmp.create(data(), ri, dtype.partType());
            NDArray re = a.get("..., 0").duplicate();
            NDArray im = a.get("..., 1").duplicate();
            return ComplexTensor.of(re, im).attach(manager);
        }
    }

    /** A real DJL array in {@code manager} (complex dtypes are refused). */
    public NDArray toNDArray(NDManager manager) {
        if (dtype.isComplex()) {
            throw new IllegalArgumentException(
                    "toNDArray on complex " + dtype.descr() + "; use toComplexTensor");
        }
        try (NDManager tmp = manager.newSubManager()) {
            NDArray a = tmp.create(data(), djlShape(), dtype.partType()).duplicate();
            a.attach(manager);
            return a;
        }
    }

    /** {@code "<c8 (2, 3)"}. */
    public String describe() {
        return dtype.descr() + " " + shapeString(shape);
    }

    /** A NumPy-style shape string: {@code ()}, {@code (3,)}, {@code (2, 3)}. */
    public static String shapeString(long[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(shape[i]);
            b.append(shape.length == 1 ? "," : i + 1 < shape.length ? ", " : "");
        }
        return b.append(')').toString();
    }

    /** The element count of {@code shape}, checked to fit a Java array. */
    static long checkedSize(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(
                        "negative dimension in shape " + Arrays.toString(shape));
            }
            if (d != 0 && n > Integer.MAX_VALUE / d) {
                n = Long.MAX_VALUE;
                break;
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE / 16) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " is too large for one host array");
        }
        return n;
    }

    private static ByteBuffer allocate(long bytes) {
        return ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostArray
                && ((HostArray) o).dtype == dtype
                && Arrays.equals(((HostArray) o).shape, shape)
                && ((HostArray) o).data.equals(data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + data.hashCode();
    }

    @Override
    public String toString() {
        return "HostArray " + describe();
    }
}
