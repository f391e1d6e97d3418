package org.rfrecon.core.operator;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.rfrecon.core.complex.ComplexTensor;

/** Shape arithmetic and input checks shared by the operators. */
public final class Shapes {

    private Shapes() {}

    /**
     * Checks that {@code x} has shape {@code (..., expected)}, dtype {@code dtype} and lives on
     * {@code device}, and returns the leading batch shape.
     *
     * @throws IllegalArgumentException naming what was expected
     */
    public static Shape checkInput(
            ComplexTensor x, Shape expected, DataType dtype, Device device, String where) {
        Shape shape = x.getShape();
        int lead = shape.dimension() - expected.dimension();
        if (lead < 0 || !shape.slice(lead).equals(expected)) {
            throw new IllegalArgumentException(
                    where + ": expected shape (..., " + join(expected) + "), got " + shape);
        }
        if (x.getDataType() != dtype) {
            throw new IllegalArgumentException(
                    where + ": expected " + describe(expected, dtype) + ", got " + x.getDataType());
        }
        if (!x.getDevice().equals(device)) {
            throw new IllegalArgumentException(
                    where
                            + ": expected "
                            + describe(expected, dtype)
                            + " on device "
                            + device
                            + ", got device "
                            + x.getDevice());
        }
        return shape.slice(0, lead);
    }

    private static String describe(Shape expected, DataType dtype) {
        return "dtype " + dtype + " of shape (..., " + join(expected) + ")";
    }

    /** {@code a} followed by {@code b}. */
    public static Shape concat(Shape a, Shape b) {
        return a.addAll(b);
    }

    /** {@code a} followed by the given dimensions. */
    public static Shape concat(Shape a, long... dims) {
        return a.addAll(new Shape(dims));
    }

    /** The shape's dimensions joined with commas, as in NumPy's repr without parentheses. */
    public static String join(Shape s) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < s.dimension(); k++) {
            if (k > 0) {
                b.append(", ");
            }
            b.append(s.get(k));
        }
        return b.toString();
    }
}
