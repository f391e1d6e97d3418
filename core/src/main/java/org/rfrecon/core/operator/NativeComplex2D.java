package org.rfrecon.core.operator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * The gradient-free float32 fast path of {@link Kronecker2D}: the same folded GEMM sequence on
 * native complex64 copies of the factors, so that each product is one complex GEMM (cuBLAS or MKL
 * {@code cgemm}) instead of four real GEMMs and two recombination passes. Only for inputs that need
 * no gradient (DJL's complex dtype has no autograd); SPEC §2 allows it there. Results come back as
 * real/imaginary pairs.
 */
final class NativeComplex2D {

    private final NDArray a2; // (P, F, M2, N2)
    private final NDArray a2flat; // (P F M2, N2)
    private final NDArray a1t; // (P, F, N1, M1)
    private final NDArray a1tCat; // (N1, P F M1)
    private final NDArray a2h; // (P, F, N2, M2)
    private final NDArray a2hCat; // (N2, P F M2)
    private final NDArray a1c; // (P, F, M1, N1)
    private final NDArray a1cFlat; // (P F M1, N1)
    private final NDArray s; // (P, F, 1, 1)
    private final NDArray sc; // (P, F, 1, 1)
    private final boolean a2First;

    NativeComplex2D(
            ComplexTensor a1, ComplexTensor a2, ComplexTensor s, boolean a2First, NDManager owner) {
        Shape s1 = a1.getShape();
        long pf = s1.get(0) * s1.get(1);
        long m1 = s1.get(2);
        long n1 = s1.get(3);
        long m2 = a2.getShape().get(2);
        long n2 = a2.getShape().get(3);
        this.a2First = a2First;
        this.a2 = complex(a2, owner);
        this.a2flat = complex(a2.reshape(new Shape(pf * m2, n2)), owner);
        this.a1t = complex(a1.transpose(), owner);
        this.a1tCat = complex(a1.reshape(new Shape(pf * m1, n1)).transpose(), owner);
        this.a2h = complex(a2.conjTranspose(), owner);
        this.a2hCat = complex(a2.reshape(new Shape(pf * m2, n2)).conjTranspose(), owner);
        this.a1c = complex(a1.conj(), owner);
        this.a1cFlat = complex(a1.conj().reshape(new Shape(pf * m1, n1)), owner);
        ComplexTensor s4 = s.reshape(s.getShape().addAll(new Shape(1, 1)));
        this.s = complex(s4, owner);
        this.sc = complex(s4.conj(), owner);
    }

    private static NDArray complex(ComplexTensor t, NDManager owner) {
        NDArray c = t.toComplex();
        c.attach(owner);
        return c;
    }

    /** Forward map of {@code x} (batch + (N2, N1)) to batch + (P, F, M2, M1). */
    ComplexTensor forward(ComplexTensor x, Shape batch, Shape range, Shape domain) {
        long np = range.get(0);
        long nf = range.get(1);
        long m2 = range.get(2);
        long m1 = range.get(3);
        long n2 = domain.get(0);
        long n1 = domain.get(1);
        long nb = batch.size();
        try (NDArray xc = x.toComplex()) {
            NDArray y;
            if (a2First) {
                try (NDArray xb = xc.reshape(nb, n2, n1);
                        NDArray xt = xb.transpose(1, 0, 2);
                        NDArray xr = xt.reshape(n2, nb * n1);
                        NDArray t = a2flat.matMul(xr);
                        NDArray t4 = t.reshape(np, nf, m2 * nb, n1);
                        NDArray u = t4.matMul(a1t);
                        NDArray u5 = u.reshape(np, nf, m2, nb, m1);
                        NDArray up = u5.transpose(3, 0, 1, 2, 4);
                        NDArray yr = up.reshape(batch.addAll(range))) {
                    y = yr.mul(s);
                }
            } else {
                try (NDArray xr = xc.reshape(nb * n2, n1);
                        NDArray t = xr.matMul(a1tCat);
                        NDArray t5 = t.reshape(nb, n2, np, nf, m1);
                        NDArray tp = t5.transpose(2, 3, 1, 0, 4);
                        NDArray t4 = tp.reshape(np, nf, n2, nb * m1);
                        NDArray u = a2.matMul(t4);
                        NDArray u5 = u.reshape(np, nf, m2, nb, m1);
                        NDArray up = u5.transpose(3, 0, 1, 2, 4);
                        NDArray yr = up.reshape(batch.addAll(range))) {
                    y = yr.mul(s);
                }
            }
            return pairs(y, x.getManager());
        }
    }

    /** Adjoint map of {@code y} (batch + (P, F, M2, M1)) to batch + (N2, N1). */
    ComplexTensor adjoint(ComplexTensor y, Shape batch, Shape range, Shape domain) {
        long np = range.get(0);
        long nf = range.get(1);
        long m2 = range.get(2);
        long m1 = range.get(3);
        long n2 = domain.get(0);
        long n1 = domain.get(1);
        long nb = batch.size();
        NDArray z;
        try (NDArray yc = y.toComplex();
                NDArray ys = yc.mul(sc)) {
            if (a2First) {
                try (NDArray t = ys.matMul(a1c);
                        NDArray tr = t.reshape(nb, np * nf * m2, n1);
                        NDArray zz = a2hCat.matMul(tr)) {
                    z = zz.reshape(batch.addAll(domain));
                }
            } else {
                try (NDArray t = a2h.matMul(ys);
                        NDArray t5 = t.reshape(nb, np, nf, n2, m1);
                        NDArray tp = t5.transpose(0, 3, 1, 2, 4);
                        NDArray tr = tp.reshape(nb, n2, np * nf * m1);
                        NDArray zz = tr.matMul(a1cFlat)) {
                    z = zz.reshape(batch.addAll(domain));
                }
            }
        }
        return pairs(z, y.getManager());
    }

    /** {@code s A2 W A1^T} per (p, f) for complex {@code w} of shape (..., P, F, N2, N1). */
    NDArray applyPerPair(NDArray w) {
        NDArray y;
        if (a2First) {
            try (NDArray t = a2.matMul(w)) {
                y = t.matMul(a1t);
            }
        } else {
            try (NDArray t = w.matMul(a1t)) {
                y = a2.matMul(t);
            }
        }
        try (y) {
            return y.mul(s);
        }
    }

    /** {@code conj(s) A2^H Y conj(A1)} per (p, f) for complex {@code y}, (..., P, F, M2, M1). */
    NDArray adjointPerPair(NDArray y) {
        try (NDArray ys = y.mul(sc)) {
            if (a2First) {
                try (NDArray t = ys.matMul(a1c)) {
                    return a2h.matMul(t);
                }
            }
            try (NDArray t = a2h.matMul(ys)) {
                return t.matMul(a1c);
            }
        }
    }

    /** Pairs of the complex {@code c}, owned by {@code manager}; closes {@code c}'s handle. */
    static ComplexTensor pairs(NDArray c, NDManager manager) {
        try (c) {
            return ComplexTensor.fromComplex(c).attach(manager);
        }
    }
}
