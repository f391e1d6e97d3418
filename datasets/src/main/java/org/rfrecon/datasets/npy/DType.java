package org.rfrecon.datasets.npy;

import ai.djl.ndarray.types.DataType;
import java.util.Optional;

/**
 * The NumPy dtypes rfrecon reads and writes, all little-endian: {@code descr} is the NPY header's
 * type string.
 */
public enum DType {
    /** Two float32: {@code <c8}. */
    COMPLEX64("<c8", 8, DataType.FLOAT32),
    /** Two float64: {@code <c16}. */
    COMPLEX128("<c16", 16, DataType.FLOAT64),
    /** {@code <f4}. */
    FLOAT32("<f4", 4, DataType.FLOAT32),
    /** {@code <f8}. */
    FLOAT64("<f8", 8, DataType.FLOAT64),
    /** {@code <i8}. */
    INT64("<i8", 8, DataType.INT64),
    /** {@code |b1}, one byte 0 or 1. */
    BOOL("|b1", 1, DataType.BOOLEAN),
    /** {@code |u1}. */
    UINT8("|u1", 1, DataType.UINT8);

    private final String descr;
    private final int itemSize;
    private final DataType partType;

    DType(String descr, int itemSize, DataType partType) {
        this.descr = descr;
        this.itemSize = itemSize;
        this.partType = partType;
    }

    /** The NPY header string, e.g. {@code "<c8"}. */
    public String descr() {
        return descr;
    }

    /** Bytes per element (a complex element counts both parts). */
    public int itemSize() {
        return itemSize;
    }

    /** Whether elements are complex. */
    public boolean isComplex() {
        return this == COMPLEX64 || this == COMPLEX128;
    }

    /**
     * The DJL dtype of one part: the real dtype of each of the two parts for complex dtypes, the
     * dtype itself otherwise.
     */
    public DataType partType() {
        return partType;
    }

    /**
     * The dtype of an NPY {@code descr}. Single-byte types are accepted with any byte-order mark
     * ({@code |}, {@code <}, {@code =}); wider ones only little-endian ({@code <}).
     */
    public static Optional<DType> fromDescr(String descr) {
        for (DType t : values()) {
            if (t.descr.equals(descr)) {
                return Optional.of(t);
            }
            if (t.itemSize == 1
                    && descr.length() == 3
                    && "<=|".indexOf(descr.charAt(0)) >= 0
                    && descr.substring(1).equals(t.descr.substring(1))) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The dtype that stores a real DJL array of {@code type}. */
    public static DType ofReal(DataType type) {
        switch (type) {
            case FLOAT32:
                return FLOAT32;
            case FLOAT64:
                return FLOAT64;
            case INT64:
                return INT64;
            case BOOLEAN:
                return BOOL;
            case UINT8:
                return UINT8;
            default:
                throw new IllegalArgumentException(
                        "no NPY dtype for DJL "
                                + type
                                + "; supported: float32/64, int64, bool, uint8");
        }
    }

    /** The complex dtype whose parts have real dtype {@code part} (float32 or float64). */
    public static DType ofComplex(DataType part) {
        if (part == DataType.FLOAT32) {
            return COMPLEX64;
        }
        if (part == DataType.FLOAT64) {
            return COMPLEX128;
        }
        throw new IllegalArgumentException("complex parts must be float32 or float64, got " + part);
    }
}
