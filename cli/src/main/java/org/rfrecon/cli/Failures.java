package org.rfrecon.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.rfrecon.core.naming.Messages;
import picocli.CommandLine;

/**
 * Maps exceptions to exit codes: user errors (bad input, bad files, missing GPU, and a solver or a
 * training run that diverged, whose remedy is a parameter the user chose) print one line and return
 * 2; anything else is a bug and prints its stack trace with exit code 1.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(
            Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        if (isUserError(ex)) {
            // System.err, like every other line rfrecon prints (picocli's writer wraps the stream
            // that was System.err when it was first asked for)
            System.err.println("rfrecon: error: " + oneLine(ex.getMessage()));
            return CliErrors.USAGE;
        }
        ex.printStackTrace(System.err);
        return CliErrors.INTERNAL;
    }

    static boolean isUserError(Throwable ex) {
        return ex instanceof CliErrors.UserError
                || ex instanceof org.rfrecon.jobs.InvalidInputException
                || ex instanceof IllegalArgumentException
                || ex instanceof IOException
                || ex instanceof UncheckedIOException
                || ex instanceof org.rfrecon.core.solver.SolverDivergedException
                || ex instanceof org.rfrecon.training.TrainingDivergedException;
    }

    private static String oneLine(String s) {
        return printable(JAVA_NAMES.matcher(Messages.firstLine(s, "unknown error")).replaceAll(""));
    }

    /**
     * Exception class names that libraries (Gson, the JDK) put in front of their messages, e.g.
     * {@code com.google.gson.stream.MalformedJsonException: }: the user needs the message only.
     */
    private static final java.util.regex.Pattern JAVA_NAMES =
            java.util.regex.Pattern.compile(
                    "\\b(?:[a-z][\\w$]*\\.)*[A-Z][\\w$]*(?:Exception|Error): ?");

    /** {@code s} with control characters (a NUL in a path, an escape) shown as {@code ?}. */
    static String printable(String s) {
        if (s == null) {
            return "unknown error";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints()
                .forEach(c -> b.appendCodePoint(Character.isISOControl(c) && c != '\t' ? '?' : c));
        return b.toString();
    }
}
