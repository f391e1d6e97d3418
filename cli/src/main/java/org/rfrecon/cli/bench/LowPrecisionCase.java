package org.rfrecon.cli.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.SensingFactors;

/**
 * The forward map with factors, scene and products in float16 (PyTorch accumulates in float32
 * inside its matrix kernels): speed, and error against the float64 operator. The map is the
 * operator's own sequence written out, since the operators themselves compute in float32 or float64
 * only, in the product order the operator picks (the cheaper one): 2D {@code (P F M2, N2) @ C},
 * then {@code @ A1^T} per (p, f), or {@code C @ A1^T} first; then {@code s}; volumes first {@code
 * (F, N3) @ (N3, N2 N1)}.
 */
final class LowPrecisionCase {

    private LowPrecisionCase() {}

    /**
     * Times the forward in {@code dtype} on {@code x64} and returns the row with its NMSE against
     * {@code y64}, the float64 operator's output on the same input.
     */
    static BenchRow run(
            BenchContext ctx,
            String prefix,
            Geometry g,
            DataType dtype,
            ComplexTensor x64,
            ComplexTensor y64)
            throws Exception {
        BenchContext.MemoryMark base = ctx.memoryBegin();
        try (NDManager m = ctx.manager().newSubManager()) {
            SensingFactors f = SensingFactors.fresnel(g, m, DataType.FLOAT64);
            long p = g.numPairs();
            long nf = g.numFrequencies();
            long m1 = g.m1();
            long m2 = g.m2();
            long n1 = g.n1();
            long n2 = g.n2();
            long n3 = Math.max(1, g.n3());
            ComplexTensor a2 = f.a2().toType(dtype).attach(m);
            ComplexTensor a2flat = a2.reshape(new Shape(p * nf * m2, n2));
            ComplexTensor a1t = f.a1().transpose().toType(dtype).attach(m);
            ComplexTensor s = f.s().reshape(new Shape(p, nf, 1, 1)).toType(dtype).attach(m);
            ComplexTensor a3 =
                    g.isVolume()
                            ? f.a3().orElseThrow().get("0").toType(dtype).attach(m) // shared
                            : null;
            ComplexTensor x = x64.toType(dtype).attach(m);
            // the product order Kronecker2D picks (the cheaper one), so that the row does the
            // float32 row's arithmetic: on seed-2d the A2-first order is 1.67x the flops
            boolean a2First = m2 * n2 * n1 + m2 * n1 * m1 <= n2 * n1 * m1 + m2 * n2 * m1;
            Timings.Step step =
                    () -> {
                        ComplexTensor t;
                        ComplexTensor y;
                        if (a3 == null && a2First) {
                            try (ComplexTensor u = a2flat.matMul(x)) {
                                t = u.reshape(new Shape(p, nf, m2, n1));
                            }
                            y = t.matMul(a1t);
                        } else {
                            ComplexTensor w;
                            if (a3 == null) {
                                w = x.view();
                            } else {
                                try (ComplexTensor xr = x.reshape(new Shape(n3, n2 * n1));
                                        ComplexTensor w3 = a3.matMul(xr)) {
                                    w = w3.reshape(new Shape(1, nf, n2, n1));
                                }
                            }
                            try (w) {
                                t = a2First ? a2.matMul(w) : w.matMul(a1t);
                            }
                            y = a2First ? t.matMul(a1t) : a2.matMul(t);
                        }
                        try (t;
                                y) {
                            return y.mul(s);
                        }
                    };
            double pf = (double) p * nf;
            double perPair = a2First ? m2 * n2 * n1 + m2 * n1 * m1 : n2 * n1 * m1 + m2 * n2 * m1;
            double flop =
                    8 * pf * perPair
                            + (g.isVolume() ? 8.0 * nf * n3 * n2 * n1 : 0)
                            + 6 * pf * m2 * m1;
            String name = prefix + "-forward-" + dtype.name().toLowerCase(Locale.ROOT);
            BenchRow row =
                    ctx.row(name, step, flop, Flops.counted(g, 2 * dtype.getNumOfBytes()), base);
            try (ComplexTensor y = (ComplexTensor) step.run()) {
                return row.withNmseDb(Nmse.db(y, y64));
            }
        }
    }
}
