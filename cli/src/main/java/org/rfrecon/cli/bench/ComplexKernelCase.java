package org.rfrecon.cli.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import org.rfrecon.core.complex.ComplexMatMul;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * One complex matrix-product kernel of {@link ComplexMatMul} (FOUR, GAUSS, STACKED) on an operator
 * shape, float32. The flop count is the nominal 8 per complex multiply-add for all three, so their
 * GFLOP/s compare directly.
 */
final class ComplexKernelCase {

    private ComplexKernelCase() {}

    /** Times {@code kernel} on {@code left @ right}, shapes (..., m, k) and (..., k, n). */
    static BenchRow run(BenchContext ctx, ComplexMatMul kernel, Shape left, Shape right)
            throws Exception {
        BenchContext.MemoryMark base = ctx.memoryBegin();
        try (NDManager m = ctx.manager().newSubManager()) {
            ComplexTensor a = ComplexTensor.randomNormal(m, left, DataType.FLOAT32, ctx.rng());
            ComplexTensor b = ComplexTensor.randomNormal(m, right, DataType.FLOAT32, ctx.rng());
            int d = left.dimension();
            long mm = left.get(d - 2);
            long kk = left.get(d - 1);
            long nn = right.get(d - 1);
            long batch = left.size() / (mm * kk);
            double flop = 8.0 * batch * mm * kk * nn;
            long bytes = 8L * (left.size() + right.size() + 2 * batch * mm * nn);
            return ctx.row(
                    "complex-matmul-" + kernel.name().toLowerCase(Locale.ROOT),
                    () -> kernel.multiply(a, b),
                    flop,
                    bytes,
                    base);
        }
    }
}
