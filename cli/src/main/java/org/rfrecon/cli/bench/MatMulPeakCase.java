package org.rfrecon.cli.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The measured real matrix-multiply peak of the device in one dtype: an {@code n x n x n} product
 * of random matrices ({@code 2 n^3} flop). It is the denominator of {@code roofline_fraction}.
 */
final class MatMulPeakCase {

    private MatMulPeakCase() {}

    /** Measures the {@code n}-cubed real product in {@code dtype}. */
    static BenchRow run(BenchContext ctx, DataType dtype, int n) throws Exception {
        BenchContext.MemoryMark base = ctx.memoryBegin();
        try (NDManager m = ctx.manager().newSubManager()) {
            NDArray a = m.randomNormal(new Shape(n, n)).toType(dtype, false);
            NDArray b = m.randomNormal(new Shape(n, n)).toType(dtype, false);
            long bytes = 3L * n * n * dtype.getNumOfBytes();
            return ctx.row(
                    "matmul-peak-" + dtype.name().toLowerCase(java.util.Locale.ROOT),
                    () -> a.matMul(b),
                    2.0 * n * n * n,
                    bytes,
                    base);
        }
    }
}
