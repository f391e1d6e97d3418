package org.rfrecon.cli;

import java.io.PrintStream;
import java.util.function.LongConsumer;

/**
 * Progress of long work: a bar redrawn in place on a terminal ({@code System.console() != null}),
 * plain log lines otherwise (at most one per 10% of the work, and the last), so logs stay short.
 *
 * <pre>
 *   try (Progress p = Progress.start("simulate", count)) {
 *       for (...) { ...; p.update(done); }
 *   }
 * </pre>
 */
public final class Progress implements LongConsumer, AutoCloseable {

    private static final int WIDTH = 30;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private long lastDecile = -1;
    private long done;

    /**
     * @param label what is being done, printed first
     * @param total the amount of work (at least 1)
     * @param out where to print (standard error by convention)
     * @param terminal redraw a bar in place rather than print lines
     */
    public Progress(String label, long total, PrintStream out, boolean terminal) {
        this.label = label;
        this.total = Math.max(1, total);
        this.out = out;
        this.terminal = terminal;
    }

    /** Progress on standard error, as a bar when a console is attached. */
    public static Progress start(String label, long total) {
        return new Progress(label, total, System.err, System.console() != null);
    }

    /** Reports that {@code done} units of the total are finished. */
    public void update(long done) {
        this.done = Math.min(done, total);
        double frac = this.done / (double) total;
        double secs = (System.nanoTime() - startNanos) / 1e9;
        String eta = this.done > 0 ? String.format("%.0fs left", secs / frac - secs) : "";
        if (terminal) {
            int fill = (int) Math.round(frac * WIDTH);
            out.printf(
                    "\r%s [%s%s] %3.0f%% %d/%d %s ",
                    label,
                    "#".repeat(fill),
                    " ".repeat(WIDTH - fill),
                    100 * frac,
                    this.done,
                    total,
                    eta);
            out.flush();
        } else {
            long decile = (long) Math.floor(frac * 10);
            if (decile != lastDecile || this.done == total) {
                if (decile != lastDecile) {
                    lastDecile = decile;
                    out.printf("%s: %d/%d (%.0f%%) %s%n", label, this.done, total, 100 * frac, eta);
                }
            }
        }
    }

    /** The units reported done so far. */
    public long done() {
        return done;
    }

    @Override
    public void accept(long value) {
        update(value);
    }

    /** Ends the bar's line on a terminal. */
    @Override
    public void close() {
        if (terminal) {
            out.println();
        }
    }
}
