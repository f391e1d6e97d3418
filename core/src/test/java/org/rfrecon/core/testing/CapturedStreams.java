package org.rfrecon.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs code with {@code System.out} and {@code System.err} captured (UTF-8), restoring both after,
 * for tests of a command line run in the test's JVM.
 */
public final class CapturedStreams {

    private CapturedStreams() {}

    /**
     * What a run returned and printed.
     *
     * @param code the run's return value (an exit status)
     * @param out what it printed on stdout
     * @param err what it printed on stderr
     */
    public record Result(int code, String out, String err) {}

    /** Code to run, given the streams that stand in for stdout and stderr while it runs. */
    @FunctionalInterface
    public interface Body {
        /** Runs; returns an exit status. */
        int run(PrintStream out, PrintStream err);
    }

    /** Runs {@code body} with stdout and stderr captured. */
    public static Result capture(Body body) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8);
            PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8);
            System.setOut(po);
            System.setErr(pe);
            int code = body.run(po, pe);
            return new Result(
                    code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
