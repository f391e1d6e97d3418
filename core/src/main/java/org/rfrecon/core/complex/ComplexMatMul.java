package org.rfrecon.core.complex;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;

/**
 * The ways to multiply complex matrices held as real pairs, {@code (A + jB)(C + jD)}, batched over
 * leading axes with broadcasting.
 *
 * <ul>
 *   <li>{@link #FOUR}: {@code AC - BD + j(AD + BC)}: four real products, two additions.
 *   <li>{@link #GAUSS}: Gauss's trick, three real products and five additions: {@code k1 = C(A +
 *       B)}, {@code k2 = A(D - C)}, {@code k3 = B(C + D)}; real {@code k1 - k3}, imaginary {@code
 *       k1 + k2}.
 *   <li>{@link #STACKED}: one real product of doubled size, {@code [A | -B; B | A]}-style: the left
 *       operand stacked as {@code [A, B]} along rows times {@code [C, D]} concatenated, then
 *       recombined. Fewer launches, the same flop count as FOUR.
 * </ul>
 *
 * <p><b>Which one is the default, and why.</b> {@link #DEFAULT} is {@link #FOUR}, because it was
 * the fastest where it matters, measured side by side by {@code rfrecon bench} (cases {@code
 * complex-matmul-*}, float32, on the operator shape {@code (P, F, M2, N2) @ (P, F, N2, N1)};
 * docs/benchmarks.md, 2026-11-25): on the H100, GAUSS took 1.2-1.5x and STACKED 1.1-1.3x FOUR's
 * time on wideband-2d, volume-3d and volume-3d-large (wideband-2d: FOUR 0.32 ms, GAUSS 0.49 ms,
 * STACKED 0.43 ms); on the 2-core CPU (one PyTorch thread) GAUSS took 2.1x and STACKED 2.2x FOUR's
 * time on wideband-2d, while on seed-2d and volume-3d GAUSS was 5-7% ahead and STACKED 6-36%
 * behind, within the noise of that shared machine. These shapes are bound by memory traffic and
 * launches rather than multiplies: GAUSS's saved product is paid back by its three extra additions
 * and their temporaries, and STACKED's concatenations copy both operands. FOUR also rounds best
 * (GAUSS loses accuracy in the imaginary part when |A| and |B| differ greatly). Only on problems
 * too small to fill the GPU (tiny, seed-2d) were the three within 10% of each other. Gradient-free
 * float32 operator applications bypass all three with native complex64 GEMMs (see {@code
 * Kronecker2D}).
 */
public enum ComplexMatMul {
    /** Four real products. */
    FOUR {
        @Override
        ComplexTensor multiply(NDArray a, NDArray b, NDArray c, NDArray d) {
            NDArray ac = a.matMul(c);
            NDArray bd = b.matMul(d);
            NDArray re = ac.sub(bd);
            ComplexTensor.closeAll(ac, bd);
            NDArray ad = a.matMul(d);
            NDArray bc = b.matMul(c);
            NDArray im = ad.add(bc);
            ComplexTensor.closeAll(ad, bc);
            return ComplexTensor.of(re, im);
        }
    },
    /** Gauss's three real products. */
    GAUSS {
        @Override
        ComplexTensor multiply(NDArray a, NDArray b, NDArray c, NDArray d) {
            NDArray apb = a.add(b);
            NDArray k1 = apb.matMul(c);
            apb.close();
            NDArray dmc = d.sub(c);
            NDArray k2 = a.matMul(dmc);
            dmc.close();
            NDArray cpd = c.add(d);
            NDArray k3 = b.matMul(cpd);
            cpd.close();
            NDArray re = k1.sub(k3);
            NDArray im = k1.add(k2);
            ComplexTensor.closeAll(k1, k2, k3);
            return ComplexTensor.of(re, im);
        }
    },
    /** One real product of the stacked operands. */
    STACKED {
        @Override
        ComplexTensor multiply(NDArray a, NDArray b, NDArray c, NDArray d) {
            // [A; B] (rows stacked) @ [C, D] (columns concatenated) = [[AC, AD], [BC, BD]].
            int rows = (int) a.getShape().get(a.getShape().dimension() - 2);
            int cols = (int) c.getShape().get(c.getShape().dimension() - 1);
            NDArray left = NDArrays.concat(new ai.djl.ndarray.NDList(a, b), -2);
            NDArray right = NDArrays.concat(new ai.djl.ndarray.NDList(c, d), -1);
            NDArray all = left.matMul(right);
            ComplexTensor.closeAll(left, right);
            NDArray ac = all.get("..., :{}, :{}", rows, cols);
            NDArray ad = all.get("..., :{}, {}:", rows, cols);
            NDArray bc = all.get("..., {}:, :{}", rows, cols);
            NDArray bd = all.get("..., {}:, {}:", rows, cols);
            NDArray re = ac.sub(bd);
            NDArray im = ad.add(bc);
            ComplexTensor.closeAll(ac, ad, bc, bd, all);
            return ComplexTensor.of(re, im);
        }
    };

    /** The kernel {@link ComplexTensor#matMul} uses; see the class comment for why. */
    public static final ComplexMatMul DEFAULT = FOUR;

    /** Returns {@code x @ y} over the last two axes, broadcasting leading axes. */
    public ComplexTensor multiply(ComplexTensor x, ComplexTensor y) {
        return multiply(x.re(), x.im(), y.re(), y.im());
    }

    /** {@code (a + j b) @ (c + j d)} from the real and imaginary parts of both operands. */
    abstract ComplexTensor multiply(NDArray a, NDArray b, NDArray c, NDArray d);
}
