package org.rfrecon.core.operator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * The differentiable (real-pair) path of {@link Kronecker2D}: the same two folded GEMMs as the
 * native path, each done as <b>one real GEMM</b> on a block-real embedding of its complex factor
 * instead of four real GEMMs and two recombinations ({@link
 * org.rfrecon.core.complex.ComplexMatMul#FOUR}). A complex product {@code A X} is
 *
 * <pre>
 *   [Yr; Yi] = [[Ar, -Ai], [Ai, Ar]] [Xr; Xi]        (factor on the left, parts stacked as rows)
 *   [Yr, Yi] = [Xr, Xi] [[Br, Bi], [-Bi, Br]]        (factor on the right, parts side by side)
 * </pre>
 *
 * <p>The same flops as FOUR (four real products' worth) in one launch, and no recombination pass: a
 * forward is about 14 DJL calls instead of about 32, an adjoint about 12 instead of about 22
 * (docs/benchmarks.md, "Where a step's operations go"), and autograd records as many fewer nodes.
 * The parts are rearranged between the two products by one copy (transpose and reshape), which the
 * FOUR path made too. Batch axes are folded into a GEMM dimension, so no factor is ever broadcast
 * (copied) over the batch. Results are stacked tensors ({@link ComplexTensor#ofStacked}): views of
 * the last product.
 *
 * <p>The block factors take twice the memory of the pair factors; they are built on first use, so
 * gradient-free float32 work (which takes {@link NativeComplex2D}) and volumes never build them.
 * The scalars {@code s} are folded into the {@code A2} factors as they are built.
 */
final class BlockPairs2D implements FactorPath2D {

    private final boolean a2First;
    private final NDArray
            fwdFirst; // a2First: left(s A2 rows)   (2 PF M2, 2 N2);  else right(A1^T cat) (2 N1, 2
    // PF M1)
    private final NDArray
            fwdSecond; // a2First: right(A1^T)   (P, F, 2 N1, 2 M1); else left(s A2) (P, F, 2 M2, 2
    // N2)
    private final NDArray
            adjFirst; // a2First: right(conj A1) (P, F, 2 M1, 2 N1); else left(conj(s) A2^H) (P, F,
    // 2 N2, 2 M2)
    private final NDArray
            adjSecond; // a2First: left(cat A2^H) (2 N2, 2 PF M2);     else right(conj A1 rows) (2

    // PF M1, 2 N1)

    /**
     * @param a1 the x factor (P, F, M1, N1)
     * @param a2 the y factor (P, F, M2, N2)
     * @param s4 the scalars as (P, F, 1, 1), folded into the A2 factors ({@link
     *     Kronecker2D#foldScalars})
     * @param a2First the product order of {@link Kronecker2D}
     * @param owner the manager that keeps the block factors
     */
    BlockPairs2D(
            ComplexTensor a1,
            ComplexTensor a2,
            ComplexTensor s4,
            boolean a2First,
            NDManager owner) {
        this.a2First = a2First;
        Dims2D d = Dims2D.ofFactors(a1, a2);
        // built inside whatever scope the first call runs in: keep only the four factors
        try (NDScope scope = new NDScope()) {
            ComplexTensor a2s = Kronecker2D.foldScalars(a2, s4);
            if (a2First) {
                ComplexTensor a2rows = a2s.reshape(new Shape(d.pf() * d.m2(), d.n2()));
                fwdFirst = left(a2rows);
                fwdSecond = right(a1.transpose());
                adjFirst = right(a1.conj());
                adjSecond = left(a2rows.conjTranspose());
            } else {
                ComplexTensor a1rows = a1.reshape(new Shape(d.pf() * d.m1(), d.n1()));
                fwdFirst = right(a1rows.transpose());
                fwdSecond = left(a2s);
                adjFirst = left(a2s.conjTranspose());
                adjSecond = right(a1rows.conj());
            }
            NDScope.unregister(fwdFirst, fwdSecond, adjFirst, adjSecond);
        }
        for (NDArray a : new NDArray[] {fwdFirst, fwdSecond, adjFirst, adjSecond}) {
            a.attach(owner);
        }
    }

    /**
     * {@link #normal} as TorchScript on stacked real tensors ({@link
     * LinearOperator#stackedNormalProgram}), given {@link #factors}: the same four GEMMs and
     * rearrangements as {@link #normal}, on scenes kept in the layout the first GEMM reads and the
     * last one writes, so that a loop of normal products rearranges its iterate only on entry and
     * exit. For the A2-first order that layout is (2, N2, B, N1): the parts stacked over the rows,
     * the batch beside the columns, as {@code [[Ar, -Ai], [Ai, Ar]] [Xr; Xi]} takes them; for the
     * A1-first order (B, N2, 2, N1), as {@code [Xr, Xi] [[Br, Bi], [-Bi, Br]]} takes them. The two
     * per-(p, f) products are {@code bmm}s on 3D views of the factors. Its operations are real, so
     * autograd records the Java path's arithmetic, with no rearrangement of the iterate between two
     * products (two copies a product instead of four; a small K = 10 training step records 529 view
     * operations in its backward instead of 973, docs/benchmarks.md); a compiled loop around it
     * ({@code CgProgram}) makes one JNI call where the Java path makes one per operation.
     */
    NormalProgram stackedNormalProgram() {
        return new NormalProgram(
                a2First ? STACKED_A2_FIRST : STACKED_A1_FIRST,
                List.of(fwdFirst, fwdSecond, adjFirst, adjSecond),
                true);
    }

    /**
     * {@code enter}, {@code leave} and {@code sample_sums} of a working layout: {@code enter}
     * permutes (2, B, N2, N1) by {@code perm}, {@code leave} applies its inverse, and the per-scene
     * sums run over every axis but the one the batch (axis 1) moves to.
     */
    private static String layout(int[] perm) {
        int[] inverse = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inverse[perm[i]] = i;
        }
        String sums =
                IntStream.range(0, perm.length)
                        .filter(i -> i != inverse[1])
                        .mapToObj(Integer::toString)
                        .collect(Collectors.joining(", "));
        return """
            def enter(x: Tensor) -> Tensor:
              n2 = x.size(-2)
              n1 = x.size(-1)
              nb = x.numel() // (2 * n2 * n1)
              return x.reshape([2, nb, n2, n1]).permute(PERM).contiguous()
            def leave(x: Tensor, size: List[int]) -> Tensor:
              return x.permute(INVERSE).reshape(size)
            def sample_sums(t: Tensor) -> Tensor:
              return torch.sum(t, [SUMS], True)
            """
                .replace("PERM", Arrays.toString(perm))
                .replace("INVERSE", Arrays.toString(inverse))
                .replace("SUMS", sums);
    }

    /** Working layout (2, N2, B, N1): the A2-first GEMM reads and writes it. */
    private static final String STACKED_A2_FIRST =
            layout(new int[] {0, 2, 1, 3})
                    + """
            def normal_stacked(x: Tensor, f: List[Tensor]) -> Tensor:
              n2 = x.size(1)
              nb = x.size(2)
              n1 = x.size(3)
              pf = f[1].size(0) * f[1].size(1)
              m1 = f[1].size(3) // 2
              m2 = f[0].size(0) // (2 * pf)
              t = torch.mm(f[0], x.reshape([2 * n2, nb * n1]))
              tc = t.reshape([2, pf, m2, nb, n1]).permute([1, 2, 3, 0, 4]).reshape(
                  [pf, m2 * nb, 2 * n1])
              u = torch.bmm(tc, f[1].reshape([pf, 2 * n1, 2 * m1]))
              t2 = torch.bmm(u, f[2].reshape([pf, 2 * m1, 2 * n1]))
              tr = t2.reshape([pf, m2, nb, 2, n1]).permute([3, 0, 1, 2, 4]).reshape(
                  [2 * pf * m2, nb * n1])
              return torch.mm(f[3], tr).reshape([2, n2, nb, n1])
            """;

    /** Working layout (B, N2, 2, N1): the A1-first GEMM reads and writes it. */
    private static final String STACKED_A1_FIRST =
            layout(new int[] {1, 2, 0, 3})
                    + """
            def normal_stacked(x: Tensor, f: List[Tensor]) -> Tensor:
              nb = x.size(0)
              n2 = x.size(1)
              n1 = x.size(3)
              pf = f[1].size(0) * f[1].size(1)
              m2 = f[1].size(2) // 2
              m1 = f[0].size(1) // (2 * pf)
              t = torch.mm(x.reshape([nb * n2, 2 * n1]), f[0])
              tr = t.reshape([nb, n2, 2, pf, m1]).permute([3, 2, 1, 0, 4]).reshape(
                  [pf, 2 * n2, nb * m1])
              u = torch.bmm(f[1].reshape([pf, 2 * m2, 2 * n2]), tr)
              t2 = torch.bmm(f[2].reshape([pf, 2 * n2, 2 * m2]), u)
              tc = t2.reshape([pf, 2, n2, nb, m1]).permute([3, 2, 1, 0, 4]).reshape(
                  [nb * n2, 2 * pf * m1])
              return torch.mm(tc, f[3]).reshape([nb, n2, 2, n1])
            """;

    /** {@code [[Ar, -Ai], [Ai, Ar]]} over the last two axes: (..., 2M, 2N). */
    static NDArray left(ComplexTensor a) {
        try (NDArray nim = a.im().neg();
                NDArray top = a.re().concat(nim, -1);
                NDArray bottom = a.im().concat(a.re(), -1)) {
            return top.concat(bottom, -2);
        }
    }

    /** {@code [[Br, Bi], [-Bi, Br]]} over the last two axes: (..., 2N, 2M). */
    static NDArray right(ComplexTensor b) {
        try (NDArray nim = b.im().neg();
                NDArray top = b.re().concat(b.im(), -1);
                NDArray bottom = nim.concat(b.re(), -1)) {
            return top.concat(bottom, -2);
        }
    }

    /** Forward of {@code x}, batch + (N2, N1), to batch + (P, F, M2, M1); s is in the factors. */
    @Override
    public ComplexTensor forward(ComplexTensor x, Shape batch, Shape range, Shape domain) {
        Dims2D d = Dims2D.of(batch, range, domain);
        NDArray u = products(x, d);
        Shape out = new Shape(2).addAll(batch).addAll(range);
        if (!a2First && d.pf() == 1 && d.nb() == 1) {
            // one pair, one subcarrier, one scene (seed-2d): [Yr; Yi] is already (2, M2, M1)
            return ComplexTensor.ofStacked(u.reshape(out));
        }
        NDArray up =
                a2First
                        ? u.reshape(d.np(), d.nf(), d.m2(), d.nb(), 2, d.m1())
                                .transpose(4, 3, 0, 1, 2, 5)
                        : u.reshape(d.np(), d.nf(), 2, d.m2(), d.nb(), d.m1())
                                .transpose(2, 4, 0, 1, 3, 5); // (2, B, P, F, M2, M1)
        return ComplexTensor.ofStacked(up.reshape(out));
    }

    /**
     * {@code A^H A x} without the rearrangements between the two maps: the forward's last product
     * is already laid out as the adjoint's first product takes it (the GEMM does not care in which
     * order its rows come), so the forward's output copy and the adjoint's input copy, and their
     * views, are skipped: two copies and seven calls fewer than {@code adjoint(forward(x))}, with
     * the same products.
     */
    ComplexTensor normal(ComplexTensor x, Shape batch, Shape range, Shape domain) {
        Dims2D d = Dims2D.of(batch, range, domain);
        NDArray u = products(x, d);
        // a2First: u is [Yr, Yi] per (p, f) with rows (m2, b); else [Yr; Yi] with columns (b, m1),
        // exactly the adjoint's yr
        NDArray t = a2First ? u.matMul(adjFirst) : adjFirst.matMul(u);
        return adjointTail(t, d, batch.addAll(domain), true);
    }

    /**
     * The forward's two products: {@code a2First}, (P, F, M2 B, 2 M1) = [Yr, Yi] per (p, f) with
     * rows (m2, b); else (P, F, 2 M2, B M1) = [Yr; Yi] with columns (b, m1).
     */
    private NDArray products(ComplexTensor x, Dims2D d) {
        if (a2First) {
            // [Xr; Xi] as (2 N2, B N1), rows (c, n2), columns (b, n1)
            NDArray xs =
                    d.nb() == 1
                            ? x.stackedAs(new Shape(d.n2(), d.n1()), null, 0)
                            : x.stackedAs(
                                    new Shape(d.nb(), d.n2(), d.n1()), new int[] {1, 0, 2}, 0);
            NDArray xr = xs.reshape(2 * d.n2(), d.nb() * d.n1());
            NDArray t = fwdFirst.matMul(xr); // (2 PF M2, B N1): rows (c, pf, m2)
            // [Tr, Ti] per (p, f): (P, F, M2 B, 2 N1), rows (m2, b), columns (c, n1)
            NDArray tc =
                    t.reshape(2, d.pf(), d.m2(), d.nb(), d.n1())
                            .transpose(1, 2, 3, 0, 4)
                            .reshape(d.np(), d.nf(), d.m2() * d.nb(), 2 * d.n1());
            return tc.matMul(fwdSecond); // (P, F, M2 B, 2 M1): [Yr, Yi]
        }
        // [Xr, Xi] as (B N2, 2 N1)
        NDArray xc =
                x.stackedAs(new Shape(d.nb() * d.n2(), d.n1()), null, 1)
                        .reshape(d.nb() * d.n2(), 2 * d.n1());
        NDArray t = xc.matMul(fwdFirst); // (B N2, 2 PF M1): columns (c, pf, m1)
        // [Tr; Ti] per (p, f): (P, F, 2 N2, B M1), rows (c, n2), columns (b, m1)
        NDArray tr =
                t.reshape(d.nb(), d.n2(), 2, d.pf(), d.m1())
                        .transpose(3, 2, 1, 0, 4)
                        .reshape(d.np(), d.nf(), 2 * d.n2(), d.nb() * d.m1());
        return fwdSecond.matMul(tr); // (P, F, 2 M2, B M1): [Yr; Yi]
    }

    /** Adjoint of {@code y}, batch + (P, F, M2, M1), to batch + (N2, N1); conj(s) is in. */
    @Override
    public ComplexTensor adjoint(ComplexTensor y, Shape batch, Shape range, Shape domain) {
        Dims2D d = Dims2D.of(batch, range, domain);
        Shape shape = batch.addAll(domain);
        if (a2First) {
            // [Yr, Yi] per (p, f) with the batch in the rows: (P, F, B M2, 2 M1)
            NDArray ys =
                    d.nb() == 1
                            ? y.stackedAs(new Shape(d.np(), d.nf(), d.m2(), d.m1()), null, 3)
                            : y.stackedAs(
                                    new Shape(d.nb(), d.np(), d.nf(), d.m2(), d.m1()),
                                    new int[] {1, 2, 0, 3, 4},
                                    4);
            NDArray yc = ys.reshape(d.np(), d.nf(), d.nb() * d.m2(), 2 * d.m1());
            // [Tr, Ti], T = Y conj(A1), rows (b, m2)
            return adjointTail(yc.matMul(adjFirst), d, shape, false);
        }
        // [Yr; Yi] per (p, f) with the batch in the columns: (P, F, 2 M2, B M1)
        NDArray ys =
                d.nb() == 1
                        ? y.stackedAs(new Shape(d.np(), d.nf(), d.m2(), d.m1()), null, 2)
                        : y.stackedAs(
                                new Shape(d.nb(), d.np(), d.nf(), d.m2(), d.m1()),
                                new int[] {1, 2, 3, 0, 4},
                                2);
        NDArray yr = ys.reshape(d.np(), d.nf(), 2 * d.m2(), d.nb() * d.m1());
        return adjointTail(adjFirst.matMul(yr), d, shape, false);
    }

    /**
     * The adjoint after its first product {@code t}: {@code a2First}, (P, F, B M2, 2 N1) = [Tr, Ti]
     * with rows (m2, b) if {@code rowsM2First}, else (b, m2); otherwise (P, F, 2 N2, B M1) = [Tr;
     * Ti], T = conj(s) A2^H Y. Sums over (p, f) in the second product.
     */
    private ComplexTensor adjointTail(NDArray t, Dims2D d, Shape shape, boolean rowsM2First) {
        if (a2First) {
            // [Tr; Ti] with (p, f, m2) summed by the next product: (2 PF M2, B N1)
            NDArray tr =
                    rowsM2First
                            ? t.reshape(d.pf(), d.m2(), d.nb(), 2, d.n1())
                                    .transpose(3, 0, 1, 2, 4)
                                    .reshape(2 * d.pf() * d.m2(), d.nb() * d.n1())
                            : t.reshape(d.pf(), d.nb(), d.m2(), 2, d.n1())
                                    .transpose(3, 0, 2, 1, 4)
                                    .reshape(2 * d.pf() * d.m2(), d.nb() * d.n1());
            NDArray z = adjSecond.matMul(tr); // (2 N2, B N1): [Zr; Zi]
            NDArray zp =
                    z.reshape(2, d.n2(), d.nb(), d.n1()).transpose(0, 2, 1, 3); // (2, B, N2, N1)
            return ComplexTensor.ofStacked(zp.reshape(new Shape(2).addAll(shape)));
        }
        // [Tr, Ti] with (p, f, m1) summed by the next product: (B N2, 2 PF M1)
        NDArray tc =
                t.reshape(d.pf(), 2, d.n2(), d.nb(), d.m1())
                        .transpose(3, 2, 1, 0, 4)
                        .reshape(d.nb() * d.n2(), 2 * d.pf() * d.m1());
        NDArray z = tc.matMul(adjSecond); // (B N2, 2 N1): [Zr, Zi]
        NDArray zp = z.reshape(d.nb(), d.n2(), 2, d.n1()).transpose(2, 0, 1, 3); // (2, B, N2, N1)
        return ComplexTensor.ofStacked(zp.reshape(new Shape(2).addAll(shape)));
    }
}
