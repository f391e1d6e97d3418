package org.rfrecon.core.geometry;

/**
 * Storage of the sensing operator of a geometry, dense against factored, in bytes (SPEC §4 {@code
 * rfrecon memory}). A dense pair is the (F M2 M1) x (N3 N2 N1) complex matrix; a factored pair
 * holds A1 (F M1 N1), A2 (F M2 N2), s (F) and, for volumes, A3 (F N3).
 *
 * @param geometry the geometry measured
 */
public record StorageEstimate(Geometry geometry) {

    /** Bytes of one complex64 value. */
    public static final int COMPLEX64 = 8;

    /** Bytes of one complex128 value. */
    public static final int COMPLEX128 = 16;

    /** Complex entries of one pair's dense matrix. */
    public double denseEntriesPerPair() {
        Geometry g = geometry;
        double rows = (double) g.numFrequencies() * g.m2() * g.m1();
        double cols = (double) Math.max(1, g.n3()) * g.n2() * g.n1();
        return rows * cols;
    }

    /** Complex entries of one pair's factors. */
    public double factoredEntriesPerPair() {
        Geometry g = geometry;
        double perF = (double) g.m1() * g.n1() + (double) g.m2() * g.n2() + 1 + g.n3();
        return g.numFrequencies() * perF;
    }

    /** Dense bytes for one pair at {@code bytesPerComplex}. */
    public double densePerPair(int bytesPerComplex) {
        return denseEntriesPerPair() * bytesPerComplex;
    }

    /** Factored bytes for one pair at {@code bytesPerComplex}. */
    public double factoredPerPair(int bytesPerComplex) {
        return factoredEntriesPerPair() * bytesPerComplex;
    }

    /** Dense bytes for all pairs. */
    public double denseTotal(int bytesPerComplex) {
        return densePerPair(bytesPerComplex) * geometry.numPairs();
    }

    /** Factored bytes for all pairs. */
    public double factoredTotal(int bytesPerComplex) {
        return factoredPerPair(bytesPerComplex) * geometry.numPairs();
    }

    /** A byte count in the largest unit (B, kB, MB, GB, TB; powers of 1000) that keeps it >= 1. */
    public static String human(double bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
        int u = 0;
        while (bytes >= 1000 && u < units.length - 1) {
            bytes /= 1000;
            u++;
        }
        return String.format(
                java.util.Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
    }
}
