package org.rfrecon.datasets.npy;

/**
 * What an NPY header declares, read before any data: the dtype, the shape, where the data starts
 * and how many bytes it must hold. A reader checks these against what it expects (the geometry
 * gives every shape) before it reads or inflates the data.
 *
 * @param dtype the element type
 * @param shape the C-order shape
 * @param headerBytes the bytes before the data (preamble and dictionary)
 * @param dataBytes the bytes of data the shape and dtype imply
 */
public record NpyInfo(DType dtype, long[] shape, long headerBytes, long dataBytes) {

    /** Copies the shape. */
    public NpyInfo {
        shape = shape.clone();
    }

    /** The shape (a copy). */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /**
     * What the header asks of the data, for messages: {@code shape (2, 3) of <c8 needs 48 bytes}.
     */
    String sizeNeeded() {
        return "shape "
                + HostArray.shapeString(shape)
                + " of "
                + dtype.descr()
                + " needs "
                + dataBytes
                + " bytes";
    }
}
