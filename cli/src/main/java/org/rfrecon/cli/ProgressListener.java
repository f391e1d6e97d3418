package org.rfrecon.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.rfrecon.core.solver.IterationInfo;
import org.rfrecon.core.solver.IterationListener;

/**
 * A solver's progress on standard error: on a terminal ({@code System.console() != null}) one line
 * redrawn in place after every iteration (iteration, objective, residuals); otherwise a plain log
 * line every {@code cap / 10} iterations (and the first and the last), so logs stay short. {@link
 * #close} prints the last iteration if it was not printed and ends the terminal line.
 */
final class ProgressListener implements IterationListener, AutoCloseable {

    private final String name;
    private final int cap;
    private final int every;
    private final PrintStream out;
    private final boolean terminal;
    private IterationInfo last;
    private boolean lastPrinted;

    /**
     * @param name the solver's name, printed first
     * @param cap the iteration cap
     * @param out where to print
     * @param terminal redraw one line in place rather than print lines
     */
    ProgressListener(String name, int cap, PrintStream out, boolean terminal) {
        this.name = name;
        this.cap = cap;
        this.every = Math.max(1, cap / 10);
        this.out = out;
        this.terminal = terminal;
    }

    /** Progress on standard error, redrawn in place when a console is attached. */
    static ProgressListener start(String name, int cap) {
        return new ProgressListener(name, cap, System.err, System.console() != null);
    }

    @Override
    public void onIteration(IterationInfo info) {
        last = info;
        lastPrinted = false;
        if (terminal) {
            out.print("\r" + line(info) + "   ");
            out.flush();
            lastPrinted = true;
        } else if (info.iteration() == 1 || info.iteration() % every == 0) {
            out.println(line(info));
            lastPrinted = true;
        }
    }

    /** One line of figures; quantities the solver does not compute (NaN) are left out. */
    String line(IterationInfo i) {
        StringBuilder b =
                new StringBuilder(
                        String.format(
                                Locale.ROOT, "%s: iteration %d/%d", name, i.iteration(), cap));
        add(b, "objective", i.objective());
        add(b, "primal residual", i.primalResidual());
        add(b, "dual residual", i.dualResidual());
        add(b, "rho", i.rho());
        return b.toString();
    }

    private static void add(StringBuilder b, String what, double v) {
        if (!Double.isNaN(v)) {
            b.append(String.format(Locale.ROOT, ", %s %.4g", what, v));
        }
    }

    /** Prints the last iteration if it was not, and ends the line on a terminal. */
    @Override
    public void close() {
        if (last == null) {
            return;
        }
        if (terminal) {
            out.println();
        } else if (!lastPrinted) {
            out.println(line(last));
        }
        out.flush();
        last = null;
    }
}
