package org.rfrecon.cli.bench;

import org.rfrecon.core.geometry.Geometry;

/**
 * Flop and byte counts of the operators of SPEC §1 for one unbatched application, real flop with a
 * complex multiply-add counted as 8 (the four-product kernel's real work).
 */
final class Flops {

    private Flops() {}

    /** Complex multiply-adds of the cheaper product order of the 2D map, per (p, f). */
    static double kronMacsPerPair(Geometry g) {
        double m1 = g.m1();
        double m2 = g.m2();
        double n1 = g.n1();
        double n2 = g.n2();
        return Math.min(m2 * n2 * n1 + m2 * n1 * m1, n2 * n1 * m1 + m2 * n2 * m1);
    }

    /** Real flop of the batched 2D forward (or adjoint): all pairs and subcarriers. */
    static double kron(Geometry g) {
        double pf = (double) g.numPairs() * g.numFrequencies();
        return 8 * pf * kronMacsPerPair(g) + 6 * pf * g.m2() * g.m1();
    }

    /**
     * Real flop of the volume forward as {@code Volume3D} computes it: the range product once per
     * subcarrier (the Fresnel A3 is shared by the pairs) then the 2D map per (p, f).
     */
    static double volume(Geometry g) {
        return 8.0 * g.numFrequencies() * g.n3() * g.n2() * g.n1() + kron(g);
    }

    /** Real flop of the dense matrix-vector product. */
    static double dense(Geometry g) {
        return 8.0 * denseEntries(g);
    }

    /** Entries of the dense matrix, P F M2 M1 x (N3) N2 N1. */
    static double denseEntries(Geometry g) {
        double rows = (double) g.numPairs() * g.numFrequencies() * g.m2() * g.m1();
        return rows * Math.max(1, g.n3()) * g.n2() * g.n1();
    }

    /**
     * Bytes of one application counted from shapes, complex values of {@code bytes} each: the
     * stored factors (three copies of A1 and A2 in their transposed and conjugated forms), the
     * input, the largest intermediate and the output.
     */
    static long counted(Geometry g, int bytes) {
        long pf = (long) g.numPairs() * g.numFrequencies();
        long factors = 3 * pf * ((long) g.m1() * g.n1() + (long) g.m2() * g.n2() + g.n3());
        long scene = (long) Math.max(1, g.n3()) * g.n2() * g.n1();
        long inter = pf * Math.max((long) g.m2() * g.n1(), (long) g.n2() * g.m1());
        if (g.isVolume()) {
            inter += pf * g.n2() * g.n1();
        }
        long out = 2 * pf * g.m2() * g.m1();
        return bytes * (factors + scene + inter + out);
    }
}
