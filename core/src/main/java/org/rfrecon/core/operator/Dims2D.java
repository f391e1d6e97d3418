package org.rfrecon.core.operator;

import ai.djl.ndarray.types.Shape;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * The sizes of one application of a 2D Kronecker map, as the folded GEMM paths ({@link
 * BlockPairs2D}, {@link NativeComplex2D}) unpack them.
 *
 * @param np pairs P
 * @param nf subcarriers F
 * @param m2 measurement rows M2
 * @param m1 measurement columns M1
 * @param n2 scene rows N2
 * @param n1 scene columns N1
 * @param nb the batch size B (1 for the factors alone)
 */
record Dims2D(long np, long nf, long m2, long m1, long n2, long n1, long nb) {

    /** The sizes of a batch {@code batch} mapped from {@code domain} (N2, N1) to {@code range}. */
    static Dims2D of(Shape batch, Shape range, Shape domain) {
        return new Dims2D(
                range.get(0),
                range.get(1),
                range.get(2),
                range.get(3),
                domain.get(0),
                domain.get(1),
                batch.size());
    }

    /** The sizes of the factors {@code a1} (P, F, M1, N1) and {@code a2} (P, F, M2, N2). */
    static Dims2D ofFactors(ComplexTensor a1, ComplexTensor a2) {
        Shape s1 = a1.getShape();
        Shape s2 = a2.getShape();
        return new Dims2D(s1.get(0), s1.get(1), s2.get(2), s1.get(2), s2.get(3), s1.get(3), 1);
    }

    /** P F, the pairs and subcarriers folded into one GEMM dimension. */
    long pf() {
        return np * nf;
    }
}
