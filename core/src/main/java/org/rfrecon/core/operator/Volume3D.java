package org.rfrecon.core.operator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Optional;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.SensingFactors;

/**
 * The 3D Fresnel sensing operator of SPEC §1: a range-mode product followed by the batched 2D map.
 *
 * <pre>
 *   forward:  W[p,f] = sum_n3 A3[p,f,n3] C[n3]          (one matrix product (PF, N3) @ (N3, N2 N1))
 *             Y[p,f] = s[p,f] A2[p,f] W[p,f] A1[p,f]^T  (the Kronecker2D map per (p, f))
 *   adjoint:  Z[p,f] = conj(s[p,f]) A2[p,f]^H Y[p,f] conj(A1[p,f])
 *             C[n3]  = sum_{p,f} conj(A3[p,f,n3]) Z[p,f] (one product (N3, PF) @ (PF, N2 N1))
 * </pre>
 *
 * <p>Never materialises more than W and Z, each (P, F, N2, N1). In float32, inputs that need no
 * gradient run the same sequence on native complex64 factors (see {@link Kronecker2D}).
 *
 * <p><b>Shared range factor.</b> The Fresnel range phase {@code A3[p,f,n3] = exp(-j k_f 2 (z[n3] -
 * R0))} does not depend on the pair. When every pair's A3 is equal (checked once, exactly, at
 * construction), the range product runs once per subcarrier, {@code (F, N3) @ (N3, N2 N1)}, and is
 * broadcast over the pairs; the adjoint sums Z over the pairs first and applies {@code (N3, F)}.
 * That is P times fewer range flops (the range product is over half of the work at P = 6), for one
 * broadcast copy and one sum over the pairs of (P, F, N2, N1).
 */
public final class Volume3D extends AbstractLinearOperator {

    private final Kronecker2D plane;
    private final ComplexTensor a3; // (P*F, N3)
    private final ComplexTensor a3h; // (N3, P*F)
    private final NDArray a3c; // complex64 (P*F, N3), or null
    private final NDArray a3hc; // complex64 (N3, P*F), or null
    private final boolean shared; // A3 equal for every pair: a3 is (F, N3), a3h (N3, F)

    /**
     * @param a1 the x factor, (P, F, M1, N1)
     * @param a2 the y factor, (P, F, M2, N2)
     * @param a3 the range factor, (P, F, N3)
     * @param s the scalars, (P, F)
     */
    public Volume3D(ComplexTensor a1, ComplexTensor a2, ComplexTensor a3, ComplexTensor s) {
        this(new Kronecker2D(a1, a2, s), a3, true);
    }

    /** As the public constructor; {@code detectShared = false} keeps the per-pair range product. */
    Volume3D(
            ComplexTensor a1,
            ComplexTensor a2,
            ComplexTensor a3,
            ComplexTensor s,
            boolean detectShared) {
        this(new Kronecker2D(a1, a2, s), a3, detectShared);
    }

    private Volume3D(Kronecker2D plane, ComplexTensor a3, boolean detectShared) {
        super(
                new Shape(a3.getShape().get(2)).addAll(plane.domainShape()),
                plane.rangeShape(),
                plane.dataType(),
                plane.device());
        Shape s3 = a3.getShape();
        if (s3.dimension() != 3
                || s3.get(0) != plane.numPairs()
                || s3.get(1) != plane.numFrequencies()) {
            throw new IllegalArgumentException(
                    "A3 must be (P, F, N3) with (P, F) = ("
                            + plane.numPairs()
                            + ", "
                            + plane.numFrequencies()
                            + "); got "
                            + s3);
        }
        this.plane = plane;
        NDManager owner = a3.getManager();
        this.shared = detectShared && s3.get(0) > 1 && sameForEveryPair(a3);
        this.a3 =
                (shared ? a3.get("0") : a3.reshape(new Shape(s3.get(0) * s3.get(1), s3.get(2))))
                        .attach(owner);
        this.a3h = this.a3.conjTranspose().attach(owner);
        if (plane.fast() != null) {
            this.a3c = this.a3.toComplex();
            this.a3c.attach(owner);
            this.a3hc = this.a3h.toComplex();
            this.a3hc.attach(owner);
            if (shared) {
                plane.fast().sharedFactors(); // the pairs stacked per subcarrier, built now
            }
        } else {
            this.a3c = null;
            this.a3hc = null;
        }
    }

    /** Whether A3 is the same for every pair (one exact host read, at construction). */
    private static boolean sameForEveryPair(ComplexTensor a3) {
        try (NDManager m = a3.getManager().newSubManager()) {
            ComplexTensor first = a3.get("0:1").tempAttach(m);
            ComplexTensor d = a3.sub(first).tempAttach(m);
            NDArray a = d.abs2().sum();
            a.tempAttach(m);
            return a.toType(DataType.FLOAT64, false).getDouble() == 0;
        }
    }

    /** Whether the native 2D path's factor copies exist (tests: they are built on first use). */
    boolean nativePlaneFactorsBuilt() {
        return plane.fast() != null && plane.fast().plainBuilt();
    }

    /** Whether the range product runs once per subcarrier (A3 shared by the pairs). */
    public boolean sharedRange() {
        return shared;
    }

    /** The volume operator of {@code g}, with factors built in {@code manager}. */
    public static Volume3D of(Geometry g, NDManager manager, DataType dtype) {
        if (!g.isVolume()) {
            throw new IllegalArgumentException(
                    "Volume3D needs a volume geometry; " + g.preset() + " is 2D");
        }
        SensingFactors f = SensingFactors.fresnel(g, manager, dtype);
        return new Volume3D(f.a1(), f.a2(), f.a3().orElseThrow(), f.s());
    }

    @Override
    protected ComplexTensor forwardInternal(ComplexTensor x, Shape batch) {
        if (nativePath(a3c)) {
            Shape d = domainShape();
            try (NDArray xc = x.toComplex();
                    NDArray flat = xc.reshape(slices(batch));
                    NDArray w = a3c.matMul(flat)) {
                if (shared) {
                    NDArray y = plane.fast().applySharedByF(w, d.get(1), d.get(2));
                    return NativeComplex2D.pairsByF(y, x.getManager());
                }
                try (NDArray wp = w.reshape(perPair(batch))) {
                    return NativeComplex2D.pairs(plane.fast().applyPerPair(wp), x.getManager());
                }
            }
        }
        try (ComplexTensor flat = x.reshape(slices(batch));
                ComplexTensor w = a3.matMul(flat);
                ComplexTensor wp = w.reshape(perPair(batch))) {
            return plane.applyPerPair(wp);
        }
    }

    @Override
    protected ComplexTensor adjointInternal(ComplexTensor y, Shape batch) {
        Shape out = batch.addAll(domainShape());
        if (nativePath(a3hc)) {
            try (NDArray yc = y.toComplex();
                    NDArray z =
                            shared
                                    ? plane.fast().adjointShared(yc)
                                    : plane.fast().adjointPerPair(yc);
                    NDArray zf = z.reshape(stacked(batch));
                    NDArray c = a3hc.matMul(zf)) {
                return NativeComplex2D.pairs(c.reshape(out), y.getManager());
            }
        }
        try (ComplexTensor z0 = plane.adjointPerPair(y);
                ComplexTensor z = shared ? z0.sum(new int[] {batch.dimension()}) : z0.view();
                ComplexTensor zf = z.reshape(stacked(batch));
                ComplexTensor c = a3h.matMul(zf)) {
            return c.reshape(out);
        }
    }

    /**
     * With a shared range factor on the native path, {@code A^H A x} runs the forward's products
     * straight into the adjoint's: the forward leaves its result laid out by subcarrier, which is
     * the layout the adjoint's first product takes, so the two rearrangements between them (the
     * view back to the range order and the adjoint's copy out of it) and the pair conversion in
     * between are skipped. Six GEMMs, no copy; elsewhere the forward then the adjoint.
     */
    @Override
    protected ComplexTensor normalInternal(ComplexTensor x, Shape batch) {
        if (!shared || !nativePath(a3c)) {
            return super.normalInternal(x, batch);
        }
        Shape d = domainShape();
        try (NDArray xc = x.toComplex();
                NDArray flat = xc.reshape(slices(batch));
                NDArray w = a3c.matMul(flat);
                NDArray y = plane.fast().applySharedByF(w, d.get(1), d.get(2));
                NDArray z = plane.fast().adjointSharedByF(y);
                NDArray zf = z.reshape(stacked(batch));
                NDArray c = a3hc.matMul(zf)) {
            return NativeComplex2D.pairs(c.reshape(batch.addAll(d)), x.getManager());
        }
    }

    /**
     * With a shared range factor in float32, the fused map of {@link #normalInternal} as
     * TorchScript: {@code f} is {@code A3} (F, N3), {@code A3^H} (N3, F), then the 2D map's factors
     * ordered by subcarrier ({@link NativeComplex2D#sharedFactors}).
     */
    @Override
    public Optional<NormalProgram> normalProgram() {
        if (!shared || a3c == null) {
            return Optional.empty();
        }
        NDArray[] byF = plane.fast().sharedFactors();
        return Optional.of(
                new NormalProgram(
                        NORMAL_SOURCE, List.of(a3c, a3hc, byF[0], byF[1], byF[2], byF[3]), false));
    }

    private static final String NORMAL_SOURCE =
            """
            def normal(x: Tensor, f: List[Tensor]) -> Tensor:
              n3 = x.size(0)
              n2 = x.size(1)
              n1 = x.size(2)
              nf = f[0].size(0)
              npairs = f[4].size(1)
              w = torch.matmul(f[0], x.reshape([n3, n2 * n1]))
              t = torch.matmul(f[2], w.reshape([nf, n2, n1]))
              y = torch.matmul(t.reshape([nf, npairs, -1, n1]), f[4])
              t2 = torch.matmul(y, f[5])
              z = torch.matmul(f[3], t2.reshape([nf, -1, n1]))
              c = torch.matmul(f[1], z.reshape([nf, n2 * n1]))
              return c.reshape([n3, n2, n1])
            """;

    /** Whether to take the native complex64 path: its factor is formed and no gradient is taken. */
    private static boolean nativePath(NDArray nativeFactor) {
        return nativeFactor != null && !Kronecker2D.recordingGradients();
    }

    /** The batch's scenes with their slices as rows: {@code batch + (N3, N2 N1)}. */
    private Shape slices(Shape batch) {
        Shape d = domainShape();
        return batch.addAll(new Shape(d.get(0), d.get(1) * d.get(2)));
    }

    /** The per-pair scene axes W or Z has after {@code batch}: (P or 1, F, N2, N1). */
    private Shape perPair(Shape batch) {
        Shape range = rangeShape();
        Shape domain = domainShape();
        return batch.addAll(
                new Shape(shared ? 1 : range.get(0), range.get(1), domain.get(1), domain.get(2)));
    }

    /** The range product's inner axes after {@code batch}: (P F or F, N2 N1). */
    private Shape stacked(Shape batch) {
        Shape range = rangeShape();
        Shape domain = domainShape();
        long rows = shared ? range.get(1) : range.get(0) * range.get(1);
        return batch.addAll(new Shape(rows, domain.get(1) * domain.get(2)));
    }
}
