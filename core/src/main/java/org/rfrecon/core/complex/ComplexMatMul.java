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
 * <p><b>Which one is the default, and why.</b> {@link #DEFAULT} is {@link #FOUR}. {@code rfrecon
 * bench} measures all three side by side (case {@code complex-matmul-*}); on the 2-core CPU and on
 * the H100 the operator shapes of rfrecon (small factors, large batches) are bound by memory
 * traffic and launches rather than multiplies, so GAUSS's saved product is paid back by its extra
 * additions and temporaries, and STACKED's concatenations cost a copy of both operands. FOUR also
 * has the best rounding (GAUSS loses accuracy on the imaginary part when |A| and |B| differ
 * greatly). The measured figures are in docs/benchmarks.md.
 */
public enum ComplexMatMul {
    /** Four real products. */
    FOUR {
        @Override
        public ComplexTensor multiply(ComplexTensor x, ComplexTensor y) {
            NDArray a = x.re();
            NDArray b = x.im();
            NDArray c = y.re();
            NDArray d = y.im();
            NDArray ac = a.matMul(c);
            NDArray bd = b.matMul(d);
            NDArray re = ac.sub(bd);
            ac.close();
            bd.close();
            NDArray ad = a.matMul(d);
            NDArray bc = b.matMul(c);
            NDArray im = ad.add(bc);
            ad.close();
            bc.close();
            return ComplexTensor.of(re, im);
        }
    },
    /** Gauss's three real products. */
    GAUSS {
        @Override
        public ComplexTensor multiply(ComplexTensor x, ComplexTensor y) {
            NDArray a = x.re();
            NDArray b = x.im();
            NDArray c = y.re();
            NDArray d = y.im();
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
            k1.close();
            k2.close();
            k3.close();
            return ComplexTensor.of(re, im);
        }
    },
    /** One real product of the stacked operands. */
    STACKED {
        @Override
        public ComplexTensor multiply(ComplexTensor x, ComplexTensor y) {
            // [A; B] (rows stacked) @ [C, D] (columns concatenated) = [[AC, AD], [BC, BD]].
            int rows = (int) x.getShape().get(x.getShape().dimension() - 2);
            int cols = (int) y.getShape().get(y.getShape().dimension() - 1);
            NDArray left = NDArrays.concat(new ai.djl.ndarray.NDList(x.re(), x.im()), -2);
            NDArray right = NDArrays.concat(new ai.djl.ndarray.NDList(y.re(), y.im()), -1);
            NDArray all = left.matMul(right);
            left.close();
            right.close();
            NDArray ac = all.get("..., :{}, :{}", rows, cols);
            NDArray ad = all.get("..., :{}, {}:", rows, cols);
            NDArray bc = all.get("..., {}:, :{}", rows, cols);
            NDArray bd = all.get("..., {}:, {}:", rows, cols);
            NDArray re = ac.sub(bd);
            NDArray im = ad.add(bc);
            all.close();
            return ComplexTensor.of(re, im);
        }
    };

    /** The kernel {@link ComplexTensor#matMul} uses; see the class comment for why. */
    public static final ComplexMatMul DEFAULT = FOUR;

    /** Returns {@code x @ y} over the last two axes, broadcasting leading axes. */
    public abstract ComplexTensor multiply(ComplexTensor x, ComplexTensor y);
}
