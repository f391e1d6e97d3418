package org.rfrecon.core.complex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Scalars on and off the device: reading one off the device whatever its floating dtype (one host
 * transfer each), and making a constant that autograd may keep.
 *
 * <p>Why {@link #constant}: on the CPU, DJL 0.36's {@code NDManager.create} hands PyTorch a tensor
 * over Java's direct buffer without copying, and {@code NDArray.mul(Number)} (likewise {@code div},
 * {@code pow}, {@code maximum}) closes that scalar right after the call. Autograd saves the scalar
 * for the backward pass; once the JVM collects the buffer, backward reads freed memory and the
 * gradients are garbage (seen: a rho gradient of {@code -3.6e-318}, one step in 25 to 150; forced
 * by a {@code System.gc()} between forward and backward, every time). Differentiable code therefore
 * multiplies by arrays from {@link #constant}, whose memory PyTorch owns.
 *
 * <p>{@link #constant} is also free of host-device synchronisation: it is one {@code torch::full}
 * with the value passed as a kernel argument, where {@code NDManager.create(value)} (and so every
 * {@code add(Number)}, {@code mul(Number)}, ...) copies a host buffer to the device, which on a GPU
 * waits for every queued kernel. Loops on the device make their scalars with it.
 */
public final class Scalars {

    private Scalars() {}

    /**
     * The scalar {@code value} as a 0-d array of {@code like}'s dtype and device, in memory owned
     * by PyTorch (not a Java buffer), so autograd can keep it past garbage collection. Owned by
     * {@code like}'s manager.
     */
    public static NDArray constant(NDArray like, double value) {
        NDManager m = like.getManager();
        if (m instanceof PtNDManager pt) {
            // torch::full(value): no host buffer, no copy, no stream synchronisation
            return JniUtils.full(
                    pt,
                    new Shape(),
                    value,
                    like.getDataType(),
                    like.getDevice(),
                    SparseFormat.DENSE);
        }
        try (NDArray one = m.ones(new Shape(), like.getDataType())) {
            return one.mul(value);
        }
    }

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
