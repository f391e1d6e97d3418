package org.rfrecon.core.complex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Reading scalars off the device, whatever their floating dtype (one host transfer each). */
public final class Scalars {

    private Scalars() {}

    /** The value of a one-element array as a double (DJL's getDouble needs float64). */
    public static double value(NDArray scalar) {
        if (scalar.getDataType() == DataType.FLOAT64) {
            return scalar.getDouble();
        }
        try (NDArray d = scalar.toType(DataType.FLOAT64, true)) {
            return d.getDouble();
        }
    }
}
