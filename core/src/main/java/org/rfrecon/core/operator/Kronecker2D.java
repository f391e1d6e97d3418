package org.rfrecon.core.operator;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.SensingFactors;

/**
 * The 2D Fresnel sensing operator of SPEC §1, batched over pairs and subcarriers:
 *
 * <pre>
 *   forward:  Y[p,f] = s[p,f] * A2[p,f] @ C @ A1[p,f]^T                  C: (N2, N1)
 *   adjoint:  C      = sum_{p,f} conj(s[p,f]) * A2[p,f]^H @ Y[p,f] @ conj(A1[p,f])
 * </pre>
 *
 * <p>Each factor is applied by one batched matrix product over all (p, f) at once (never a Java
 * loop over subcarriers); the scalars {@code s} multiply the result on the fly. Because the scene
 * {@code C} is shared by every (p, f), the first product of the forward map is one large GEMM,
 * {@code (P F M2, N2) @ (N2, N1)} (or {@code (N2, N1) @ (N1, P F M1)}), rather than a broadcast
 * batched product that would copy C P F times; likewise the adjoint's sum over (p, f) is folded
 * into the inner dimension of its last GEMM ({@code (N2, P F M2) @ (P F M2, N1)}), so the (P, F,
 * N2, N1) stack is never formed. The order of the two products is chosen once from the shapes so
 * that the cheaper one runs: {@code A2} first costs {@code M2 N2 N1 + M2 N1 M1} complex
 * multiply-adds per (p, f), {@code A1} first {@code N2 N1 M1 + M2 N2 M1}.
 *
 * <p>The operator owns its factors (and their precomputed transposes and conjugates) through the
 * manager it was built in; inputs may carry leading batch axes.
 */
public final class Kronecker2D extends AbstractLinearOperator {

    private final ComplexTensor a1t; // A1^T      (P, F, N1, M1)
    private final ComplexTensor a2; // A2        (P, F, M2, N2)
    private final ComplexTensor a2h; // A2^H      (P, F, N2, M2)
    private final ComplexTensor a1c; // conj(A1)  (P, F, M1, N1)
    private final ComplexTensor s; // s         (P, F, 1, 1)
    private final ComplexTensor sc; // conj(s)   (P, F, 1, 1)
    private final ComplexTensor a2flat; // A2 as rows       (P F M2, N2)
    private final ComplexTensor a2hCat; // [A2[pf]^H]_pf      (N2, P F M2)
    private final ComplexTensor a1tCat; // [A1[pf]^T]_pf      (N1, P F M1)
    private final ComplexTensor a1cFlat; // conj(A1) as rows  (P F M1, N1)
    private final boolean a2First;
    private final NativeComplex2D fast; // null in float64

    /**
     * @param a1 the x factor, (P, F, M1, N1)
     * @param a2 the y factor, (P, F, M2, N2)
     * @param s the scalars, (P, F)
     */
    public Kronecker2D(ComplexTensor a1, ComplexTensor a2, ComplexTensor s) {
        super(
                new Shape(a2.getShape().get(3), a1.getShape().get(3)),
                new Shape(
                        a1.getShape().get(0),
                        a1.getShape().get(1),
                        a2.getShape().get(2),
                        a1.getShape().get(2)),
                a1.getDataType(),
                a1.getDevice());
        checkFactors(a1, a2, s);
        NDManager owner = a1.getManager();
        this.a1t = a1.transpose().attach(owner);
        this.a1c = a1.conj().attach(owner);
        this.a2 = a2;
        this.a2h = a2.conjTranspose().attach(owner);
        Shape ps = s.getShape().addAll(new Shape(1, 1));
        this.s = s.reshape(ps).attach(owner);
        this.sc = this.s.conj().attach(owner);
        long m1 = a1.getShape().get(2);
        long n1 = a1.getShape().get(3);
        long m2 = a2.getShape().get(2);
        long n2 = a2.getShape().get(3);
        this.a2First = m2 * n2 * n1 + m2 * n1 * m1 <= n2 * n1 * m1 + m2 * n2 * m1;
        long pf = a1.getShape().get(0) * a1.getShape().get(1);
        this.a2flat = a2.reshape(new Shape(pf * m2, n2)).attach(owner);
        this.a2hCat = a2flat.conjTranspose().attach(owner);
        this.a1tCat = a1.reshape(new Shape(pf * m1, n1)).transpose().attach(owner);
        this.a1cFlat = a1c.reshape(new Shape(pf * m1, n1)).attach(owner);
        this.fast =
                a1.getDataType() == DataType.FLOAT32
                        ? new NativeComplex2D(a1, a2, s, a2First, owner)
                        : null;
    }

    /** The Kronecker operator of {@code g}, with factors built in {@code manager}. */
    public static Kronecker2D of(Geometry g, NDManager manager, DataType dtype) {
        if (g.isVolume()) {
            throw new IllegalArgumentException(
                    "Kronecker2D needs a 2D geometry; " + g.preset() + " is a volume");
        }
        SensingFactors f = SensingFactors.fresnel(g, manager, dtype);
        return new Kronecker2D(f.a1(), f.a2(), f.s());
    }

    /** Number of pairs P. */
    public long numPairs() {
        return rangeShape().get(0);
    }

    /** Number of subcarriers F. */
    public long numFrequencies() {
        return rangeShape().get(1);
    }

    @Override
    protected ComplexTensor forwardInternal(ComplexTensor x, Shape batch) {
        Shape r = rangeShape();
        long np = r.get(0);
        long nf = r.get(1);
        long m2 = r.get(2);
        long m1 = r.get(3);
        long n2 = domainShape().get(0);
        long n1 = domainShape().get(1);
        long nb = batch.size();
        if (fast != null && !needsGradient(x)) {
            return fast.forward(x, batch, r, domainShape());
        }
        ComplexTensor y;
        if (a2First) {
            // (P F M2, N2) @ (N2, B N1): one GEMM for the shared scene
            try (ComplexTensor xb = x.reshape(new Shape(nb, n2, n1));
                    ComplexTensor xc = permute(xb, 1, 0, 2);
                    ComplexTensor xr = xc.reshape(new Shape(n2, nb * n1));
                    ComplexTensor t = a2flat.matMul(xr);
                    ComplexTensor t4 = t.reshape(new Shape(np, nf, m2 * nb, n1));
                    ComplexTensor u = t4.matMul(a1t);
                    ComplexTensor u5 = u.reshape(new Shape(np, nf, m2, nb, m1));
                    ComplexTensor up = permute(u5, 3, 0, 1, 2, 4)) {
                y = up.reshape(batch.addAll(r));
            }
        } else {
            // (B N2, N1) @ (N1, P F M1): one GEMM for the shared scene
            try (ComplexTensor xr = x.reshape(new Shape(nb * n2, n1));
                    ComplexTensor t = xr.matMul(a1tCat);
                    ComplexTensor t5 = t.reshape(new Shape(nb, n2, np, nf, m1));
                    ComplexTensor tp = permute(t5, 2, 3, 1, 0, 4);
                    ComplexTensor t4 = tp.reshape(new Shape(np, nf, n2, nb * m1));
                    ComplexTensor u = a2.matMul(t4);
                    ComplexTensor u5 = u.reshape(new Shape(np, nf, m2, nb, m1));
                    ComplexTensor up = permute(u5, 3, 0, 1, 2, 4)) {
                y = up.reshape(batch.addAll(r));
            }
        }
        try (y) {
            return y.mul(s).attach(x.getManager());
        }
    }

    @Override
    protected ComplexTensor adjointInternal(ComplexTensor y, Shape batch) {
        Shape r = rangeShape();
        long np = r.get(0);
        long nf = r.get(1);
        long m2 = r.get(2);
        long m1 = r.get(3);
        long n2 = domainShape().get(0);
        long n1 = domainShape().get(1);
        long nb = batch.size();
        if (fast != null && !needsGradient(y)) {
            return fast.adjoint(y, batch, r, domainShape());
        }
        ComplexTensor z;
        try (ComplexTensor ys = y.mul(sc)) {
            if (a2First) {
                // sum_pf A2[pf]^H T[pf] = (N2, P F M2) @ (P F M2, N1)
                try (ComplexTensor t = ys.matMul(a1c);
                        ComplexTensor tr = t.reshape(new Shape(nb, np * nf * m2, n1))) {
                    z = a2hCat.matMul(tr);
                }
            } else {
                // sum_pf T[pf] conj(A1[pf]) = (N2, P F M1) @ (P F M1, N1)
                try (ComplexTensor t = a2h.matMul(ys);
                        ComplexTensor t5 = t.reshape(new Shape(nb, np, nf, n2, m1));
                        ComplexTensor tp = permute(t5, 0, 3, 1, 2, 4);
                        ComplexTensor tr = tp.reshape(new Shape(nb, n2, np * nf * m1))) {
                    z = tr.matMul(a1cFlat);
                }
            }
        }
        try (z) {
            return z.reshape(batch.addAll(domainShape())).attach(y.getManager());
        }
    }

    /** The float32 native-complex path, or null in float64. */
    NativeComplex2D fast() {
        return fast;
    }

    /** Whether autograd is on or {@code t} requires a gradient (then only the pair path runs). */
    static boolean needsGradient(ComplexTensor t) {
        // inside a GradientCollector even arrays that need no gradient now may be views of ones
        // that do (checkpointed recomputation), so the native path runs only with autograd off
        return JniUtils.isGradMode() || t.re().hasGradient() || t.im().hasGradient();
    }

    private static ComplexTensor permute(ComplexTensor t, int... axes) {
        return ComplexTensor.of(t.re().transpose(axes), t.im().transpose(axes));
    }

    /**
     * {@code s[p,f] A2[p,f] W A1[p,f]^T} for {@code w} of shape (..., P or 1, F or 1, N2, N1): the
     * 2D map applied to one scene per (p, f), as the volume operator needs.
     */
    ComplexTensor applyPerPair(ComplexTensor w) {
        ComplexTensor t;
        ComplexTensor y;
        if (a2First) {
            t = a2.matMul(w);
            y = t.matMul(a1t);
        } else {
            t = w.matMul(a1t);
            y = a2.matMul(t);
        }
        t.close();
        ComplexTensor out = y.mul(s);
        y.close();
        return out;
    }

    /**
     * {@code conj(s[p,f]) A2[p,f]^H Y[p,f] conj(A1[p,f])}: the adjoint per (p, f), before the sum
     * over pairs and subcarriers; shape (..., P, F, N2, N1).
     */
    ComplexTensor adjointPerPair(ComplexTensor y) {
        ComplexTensor ys = y.mul(sc);
        ComplexTensor t;
        ComplexTensor z;
        if (a2First) {
            // reverse of forward: the A1 side was applied last, so undo it first
            t = ys.matMul(a1c);
            z = a2h.matMul(t);
        } else {
            t = a2h.matMul(ys);
            z = t.matMul(a1c);
        }
        ys.close();
        t.close();
        return z;
    }

    private static void checkFactors(ComplexTensor a1, ComplexTensor a2, ComplexTensor s) {
        Shape s1 = a1.getShape();
        Shape s2 = a2.getShape();
        if (s1.dimension() != 4 || s2.dimension() != 4) {
            throw new IllegalArgumentException(
                    "A1 and A2 must be (P, F, M, N); got " + s1 + " and " + s2);
        }
        if (s1.get(0) != s2.get(0) || s1.get(1) != s2.get(1)) {
            throw new IllegalArgumentException("A1 and A2 disagree on (P, F): " + s1 + " vs " + s2);
        }
        if (!s.getShape().equals(new Shape(s1.get(0), s1.get(1)))) {
            throw new IllegalArgumentException(
                    "s must be (P, F) = ("
                            + s1.get(0)
                            + ", "
                            + s1.get(1)
                            + "); got "
                            + s.getShape());
        }
        if (a2.getDataType() != a1.getDataType() || s.getDataType() != a1.getDataType()) {
            throw new IllegalArgumentException("A1, A2 and s must share one dtype");
        }
    }
}
