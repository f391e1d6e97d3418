package org.rfrecon.core.operator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * The gradient-free float32 fast path of {@link Kronecker2D}: the same folded GEMM sequence on
 * native complex64 copies of the factors, so that each product is one complex GEMM (cuBLAS or MKL
 * {@code cgemm}) instead of four real GEMMs and two recombination passes. Only for inputs that need
 * no gradient (DJL's complex dtype has no autograd); SPEC §2 allows it there. Results come back as
 * real/imaginary pairs.
 */
final class NativeComplex2D implements FactorPath2D {

    private final ComplexTensor a1; // the x factor (P, F, M1, N1), owned by the Kronecker2D
    private final ComplexTensor a2; // the y factor (P, F, M2, N2), owned by the Kronecker2D
    private final ComplexTensor s4; // the scalars (P, F, 1, 1), folded into A2 by each build
    private final boolean a2First;
    private final NDManager owner;
    private final Lazy<Plain> plain = new Lazy<>(this::buildPlain); // the 2D path's factors
    private NDArray a2ByF; // s A2 with the pairs stacked per subcarrier (F, P M2, N2), on demand
    private NDArray a2hByF; // its adjoint (F, N2, P M2)
    private NDArray a1tByF; // A1^T ordered by subcarrier (F, P, N1, M1), on demand
    private NDArray a1cByF; // conj(A1) ordered by subcarrier (F, P, M1, N1), on demand

    /**
     * The complex64 copies of the factors that the 2D forward and adjoint and the per-pair products
     * use. Built on first use: a volume whose range factor is shared by the pairs uses only the
     * subcarrier-ordered factors ({@link #sharedFactors}) and never builds these (six factor-sized
     * arrays: 150 MB on volume-3d, 600 MB on volume-3d-large).
     */
    private record Plain(
            NDArray a2, // s A2 (P, F, M2, N2): the scalars are folded into the A2 factors
            NDArray a2flat, // (P F M2, N2), a view of a2
            NDArray a1t, // (P, F, N1, M1)
            NDArray a1tCat, // (N1, P F M1)
            NDArray a2h, // (P, F, N2, M2)
            NDArray a2hCat, // (N2, P F M2)
            NDArray a1c, // (P, F, M1, N1)
            NDArray a1cFlat) { // (P F M1, N1), a view of a1c

        static Plain of(ComplexTensor a1, ComplexTensor a2s, NDManager owner) {
            Dims2D d = Dims2D.ofFactors(a1, a2s);
            NDArray a2 = complex(a2s, owner);
            NDArray a2flat = a2.reshape(d.pf() * d.m2(), d.n2());
            a2flat.attach(owner);
            NDArray a1c = complex(a1.conj(), owner);
            NDArray a1cFlat = a1c.reshape(d.pf() * d.m1(), d.n1());
            a1cFlat.attach(owner);
            return new Plain(
                    a2,
                    a2flat,
                    complex(a1.transpose(), owner),
                    complex(a1.reshape(new Shape(d.pf() * d.m1(), d.n1())).transpose(), owner),
                    complex(a2s.conjTranspose(), owner),
                    complex(a2s.reshape(new Shape(d.pf() * d.m2(), d.n2())).conjTranspose(), owner),
                    a1c,
                    a1cFlat);
        }
    }

    /**
     * @param a1 the x factor (P, F, M1, N1)
     * @param a2 the y factor (P, F, M2, N2)
     * @param s4 the scalars as (P, F, 1, 1), which the factor copies fold into A2 ({@link
     *     Kronecker2D#foldScalars})
     */
    NativeComplex2D(
            ComplexTensor a1,
            ComplexTensor a2,
            ComplexTensor s4,
            boolean a2First,
            NDManager owner) {
        Dims2D.ofFactors(a1, a2); // checks the shapes now
        this.a1 = a1;
        this.a2 = a2;
        this.s4 = s4;
        this.a2First = a2First;
        this.owner = owner;
    }

    private Plain buildPlain() {
        try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
            Plain p = Plain.of(a1, Kronecker2D.foldScalars(a2, s4), owner);
            ai.djl.ndarray.NDScope.unregister(
                    p.a2(),
                    p.a2flat(),
                    p.a1t(),
                    p.a1tCat(),
                    p.a2h(),
                    p.a2hCat(),
                    p.a1c(),
                    p.a1cFlat());
            return p;
        }
    }

    /**
     * The factors of {@link Kronecker2D#normalProgram}: {@code s A2} as (P F M2, N2), {@code A1^T}
     * as (P F, N1, M1), {@code conj(A1)} as (P F, M1, N1) and {@code (s A2)^H} as (N2, P F M2),
     * views of the native path's factors, made on first use.
     */
    List<NDArray> normalFactors() {
        return normalFactors.get();
    }

    private final Lazy<List<NDArray>> normalFactors = new Lazy<>(this::buildNormalFactors);

    /** The factors of {@link #normalFactors}: the pairs and subcarriers as one batch axis. */
    private List<NDArray> buildNormalFactors() {
        Plain f = plain.get();
        Shape t = f.a1t().getShape(); // (P, F, N1, M1)
        NDArray a1t = f.a1t().reshape(t.get(0) * t.get(1), t.get(2), t.get(3));
        NDArray a1c = f.a1c().reshape(t.get(0) * t.get(1), t.get(3), t.get(2));
        // owned by the operator: out of whatever scope asked first
        ai.djl.ndarray.NDScope.unregister(a1t, a1c);
        a1t.attach(owner);
        a1c.attach(owner);
        return List.of(f.a2flat(), a1t, a1c, f.a2hCat());
    }

    /** Whether the 2D path's factors have been built (on their first use). */
    boolean plainBuilt() {
        return plain.built();
    }

    private static NDArray complex(ComplexTensor t, NDManager owner) {
        NDArray c = t.toComplex();
        c.attach(owner);
        return c;
    }

    /**
     * Forward map of {@code x} (batch + (N2, N1)) to batch + (P, F, M2, M1). Runs inside the
     * operator's scope, which frees the views; large intermediates are freed as soon as used.
     */
    @Override
    public ComplexTensor forward(ComplexTensor x, Shape batch, Shape range, Shape domain) {
        Plain f = plain.get();
        Dims2D d = Dims2D.of(batch, range, domain);
        Shape out = batch.addAll(range);
        NDArray xc = x.toComplex();
        NDArray u;
        if (a2First) {
            // (P F M2, N2) @ (N2, B N1), then per (p, f) @ A1^T with the batch in the rows
            NDArray xr =
                    d.nb() == 1
                            ? reshaped(xc, new Shape(d.n2(), d.n1()))
                            : xc.reshape(d.nb(), d.n2(), d.n1())
                                    .transpose(1, 0, 2)
                                    .reshape(d.n2(), d.nb() * d.n1());
            NDArray t = f.a2flat().matMul(xr);
            xc.close();
            u = t.reshape(d.np(), d.nf(), d.m2() * d.nb(), d.n1()).matMul(f.a1t());
            t.close();
        } else {
            // (B N2, N1) @ (N1, P F M1), then per (p, f) s A2 @ with the batch in the columns
            NDArray t = reshaped(xc, new Shape(d.nb() * d.n2(), d.n1())).matMul(f.a1tCat());
            xc.close();
            if (d.pf() == 1 && d.nb() == 1) {
                u = f.a2flat().matMul(t); // (M2, N2) @ (N2, M1): one pair, one subcarrier
            } else {
                NDArray t4 =
                        t.reshape(d.nb(), d.n2(), d.np(), d.nf(), d.m1())
                                .transpose(2, 3, 1, 0, 4)
                                .reshape(d.np(), d.nf(), d.n2(), d.nb() * d.m1());
                u = f.a2().matMul(t4);
                t4.close();
            }
            t.close();
        }
        // (P, F, M2 B, M1) or (P, F, M2, B M1): the batch to the front
        NDArray y =
                d.nb() == 1
                        ? reshaped(u, out)
                        : u.reshape(d.np(), d.nf(), d.m2(), d.nb(), d.m1())
                                .transpose(3, 0, 1, 2, 4);
        return pairs(reshaped(y, out), x.getManager());
    }

    /** Adjoint map of {@code y} (batch + (P, F, M2, M1)) to batch + (N2, N1). */
    @Override
    public ComplexTensor adjoint(ComplexTensor y, Shape batch, Shape range, Shape domain) {
        Plain f = plain.get();
        Dims2D d = Dims2D.of(batch, range, domain);
        NDArray yc = y.toComplex();
        NDArray z;
        if (a2First) {
            // sum_pf conj(s) A2[pf]^H T[pf] = (N2, P F M2) @ (P F M2, N1)
            NDArray t = yc.matMul(f.a1c());
            yc.close();
            z = f.a2hCat().matMul(t.reshape(d.nb(), d.pf() * d.m2(), d.n1()));
            t.close();
        } else {
            // sum_pf T[pf] conj(A1[pf]) = (N2, P F M1) @ (P F M1, N1)
            NDArray t = f.a2h().matMul(yc);
            yc.close();
            NDArray tr =
                    d.pf() == 1
                            ? t.reshape(d.nb(), d.n2(), d.m1())
                            : t.reshape(d.nb(), d.np(), d.nf(), d.n2(), d.m1())
                                    .transpose(0, 3, 1, 2, 4)
                                    .reshape(d.nb(), d.n2(), d.pf() * d.m1());
            z = tr.matMul(f.a1cFlat());
            t.close();
            tr.close();
        }
        return pairs(reshaped(z, batch.addAll(domain)), y.getManager());
    }

    /** {@code a} itself if it has {@code shape}, else a reshaped handle (saves a native call). */
    private static NDArray reshaped(NDArray a, Shape shape) {
        return a.getShape().equals(shape) ? a : a.reshape(shape);
    }

    /** {@code s A2 W A1^T} per (p, f) for complex {@code w} of shape (..., P, F, N2, N1). */
    NDArray applyPerPair(NDArray w) {
        Plain f = plain.get();
        return sandwich(f.a2(), w, f.a1t(), a2First);
    }

    /** {@code conj(s) A2^H Y conj(A1)} per (p, f) for complex {@code y}, (..., P, F, M2, M1). */
    NDArray adjointPerPair(NDArray y) {
        Plain f = plain.get();
        // reverse of forward: the side applied last there is undone first
        return sandwich(f.a2h(), y, f.a1c(), !a2First);
    }

    /** {@code left @ mid @ right}, the left product first if {@code leftFirst}. */
    private static NDArray sandwich(NDArray left, NDArray mid, NDArray right, boolean leftFirst) {
        if (leftFirst) {
            try (NDArray t = left.matMul(mid)) {
                return t.matMul(right);
            }
        }
        try (NDArray t = mid.matMul(right)) {
            return left.matMul(t);
        }
    }

    /**
     * {@code s A2 W[f] A1^T} per (p, f) for a scene shared by the pairs, given the range product's
     * rows {@code w} of shape (..., F, N2 N1): the pairs are stacked into the rows of one GEMM per
     * subcarrier, {@code (P M2, N2) @ (N2, N1)}, so W is never copied P times (PyTorch's broadcast
     * product would), and the second product runs on the factors ordered by subcarrier, so no
     * intermediate is transposed. Returns (..., F, P, M2, M1): subcarriers before pairs ({@link
     * #pairsByF} puts them back in the range order as a view).
     */
    NDArray applySharedByF(NDArray w, long n2, long n1) {
        Shape ws = w.getShape();
        Shape lead = ws.slice(0, ws.dimension() - 2);
        long nf = ws.get(ws.dimension() - 2);
        long np = a2.getShape().get(0);
        long m2 = a2.getShape().get(2);
        NDArray[] byF = sharedFactors();
        try (NDArray w3 = w.reshape(lead.addAll(new Shape(nf, n2, n1)));
                NDArray t = byF[0].matMul(w3); // (..., F, P M2, N1)
                NDArray t5 = t.reshape(lead.addAll(new Shape(nf, np, m2, n1)))) {
            return t5.matMul(byF[2]); // (..., F, P, M2, M1)
        }
    }

    /**
     * {@code sum_p conj(s) A2^H Y[p,f] conj(A1)} for {@code y} (..., P, F, M2, M1): the sum over
     * the pairs folded into one GEMM per subcarrier, {@code (N2, P M2) @ (P M2, N1)}, so the (...,
     * P, F, N2, N1) stack is never formed; the first product runs on the factors ordered by
     * subcarrier, so a {@code y} laid out by subcarrier (as {@link #applySharedByF} leaves it) is
     * never copied. Returns (..., F, N2, N1).
     */
    NDArray adjointShared(NDArray y) {
        int nd = y.getShape().dimension();
        try (NDArray yf = y.transpose(swapped(nd, nd - 4, nd - 3))) { // (..., F, P, M2, M1)
            return adjointSharedByF(yf);
        }
    }

    /**
     * {@link #adjointShared} of {@code y} laid out by subcarrier, (..., F, P, M2, M1), as {@link
     * #applySharedByF} returns it: what the fused normal map of the volume operator feeds it,
     * without a rearrangement in between. Returns (..., F, N2, N1).
     */
    NDArray adjointSharedByF(NDArray y) {
        Shape ys = y.getShape();
        int nd = ys.dimension();
        NDArray[] byF = sharedFactors();
        try (NDArray t = y.matMul(byF[3]); // (..., F, P, M2, N1)
                NDArray tr =
                        t.reshape(
                                ys.slice(0, nd - 4)
                                        .addAll(
                                                new Shape(
                                                        ys.get(nd - 4),
                                                        ys.get(nd - 3) * ys.get(nd - 2),
                                                        a1.getShape().get(3))))) {
            return byF[1].matMul(tr);
        }
    }

    /** The identity permutation of {@code rank} axes with {@code i} and {@code j} swapped. */
    private static int[] swapped(int rank, int i, int j) {
        int[] axes = new int[rank];
        for (int k = 0; k < rank; k++) {
            axes[k] = k;
        }
        axes[i] = j;
        axes[j] = i;
        return axes;
    }

    /**
     * The per-subcarrier factors of {@link #applySharedByF} and {@link #adjointShared}, built once
     * (the volume operator asks for them when it is built, so that they are owned from the start):
     * {@code s A2} with the pairs stacked per subcarrier (F, P M2, N2), its adjoint (F, N2, P M2),
     * and A1^T (F, P, N1, M1) and conj(A1) (F, P, M1, N1) ordered by subcarrier (contiguous).
     */
    synchronized NDArray[] sharedFactors() {
        if (a2ByF == null) {
            Shape s2 = a2.getShape(); // (P, F, M2, N2)
            try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
                ComplexTensor a2s = Kronecker2D.foldScalars(a2, s4); // freed with the scope
                // from the sources, so that the 2D path's factors need not exist (each
                // reshape of a transposed array copies: the results own their memory)
                NDArray f =
                        a2s.toComplex()
                                .transpose(1, 0, 2, 3)
                                .reshape(s2.get(1), s2.get(0) * s2.get(2), s2.get(3));
                NDArray h =
                        a2s.conjTranspose()
                                .toComplex()
                                .transpose(1, 2, 0, 3)
                                .reshape(s2.get(1), s2.get(3), s2.get(0) * s2.get(2));
                NDArray t = byF(a1.transpose().toComplex());
                NDArray c = byF(a1.conj().toComplex());
                ai.djl.ndarray.NDScope.unregister(f, h, t, c);
                for (NDArray a : new NDArray[] {f, h, t, c}) {
                    a.attach(owner);
                }
                a1tByF = t;
                a1cByF = c;
                a2hByF = h;
                a2ByF = f;
            }
        }
        return new NDArray[] {a2ByF, a2hByF, a1tByF, a1cByF};
    }

    /** {@code a} (P, F, R, C) as a contiguous (F, P, R, C) array (the reshape copies). */
    private static NDArray byF(NDArray a) {
        Shape s = a.getShape();
        return a.transpose(1, 0, 2, 3)
                .reshape(s.get(1) * s.get(0), s.get(2), s.get(3))
                .reshape(s.get(1), s.get(0), s.get(2), s.get(3));
    }

    /**
     * A complex result laid out by subcarrier, (..., F, P, M2, M1), as a pair in the range order
     * (..., P, F, M2, M1): one view, no copy.
     */
    static ComplexTensor pairsByF(NDArray c, NDManager manager) {
        try (c) {
            return ComplexTensor.fromComplexSwapped(c, c.getShape().dimension() - 4)
                    .attach(manager);
        }
    }

    /** Pairs of the complex {@code c}, owned by {@code manager}; closes {@code c}'s handle. */
    static ComplexTensor pairs(NDArray c, NDManager manager) {
        try (c) {
            return ComplexTensor.fromComplex(c).attach(manager);
        }
    }
}
