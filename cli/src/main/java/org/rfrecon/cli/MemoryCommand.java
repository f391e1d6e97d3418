package org.rfrecon.cli;

import java.util.concurrent.Callable;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.StorageEstimate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rfrecon memory --preset P}: dense against factored operator storage. */
@Command(
        name = "memory",
        mixinStandardHelpOptions = true,
        description = "Dense vs factored operator storage, per pair and in total, complex64/128.")
final class MemoryCommand implements Callable<Integer> {

    @Mixin PresetOption preset;

    @Override
    public Integer call() {
        Geometry g = preset.geometry();
        System.out.println(g.summary());
        System.out.print(table(g));
        return 0;
    }

    /** The storage table of {@code g}, one row per precision and scope. */
    static String table(Geometry g) {
        StorageEstimate e = new StorageEstimate(g);
        StringBuilder b = new StringBuilder();
        long rows = (long) g.numFrequencies() * g.m2() * g.m1();
        long cols = (long) Math.max(1, g.n3()) * g.n2() * g.n1();
        b.append(String.format("dense pair: %d x %d complex entries%n", rows, cols));
        b.append(
                String.format(
                        "%-12s %-10s %14s %14s %12s%n",
                        "precision", "scope", "dense", "factored", "ratio"));
        for (int bytes : new int[] {StorageEstimate.COMPLEX64, StorageEstimate.COMPLEX128}) {
            String name = bytes == StorageEstimate.COMPLEX64 ? "complex64" : "complex128";
            row(b, name, "per pair", e.densePerPair(bytes), e.factoredPerPair(bytes));
            row(b, name, "total", e.denseTotal(bytes), e.factoredTotal(bytes));
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String prec, String scope, double dense, double fact) {
        b.append(
                String.format(
                        "%-12s %-10s %14s %14s %11.0fx%n",
                        prec,
                        scope,
                        StorageEstimate.human(dense),
                        StorageEstimate.human(fact),
                        dense / fact));
    }
}
