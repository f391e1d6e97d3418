package org.rfrecon.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
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
            cl.getErr().println("rfrecon: error: " + oneLine(ex.getMessage()));
            return CliErrors.USAGE;
        }
        ex.printStackTrace(cl.getErr());
        return CliErrors.INTERNAL;
    }

    static boolean isUserError(Throwable ex) {
        return ex instanceof CliErrors.UserError
                || ex instanceof IllegalArgumentException
                || ex instanceof IOException
                || ex instanceof UncheckedIOException
                || ex instanceof org.rfrecon.core.solver.SolverDivergedException
                || ex instanceof org.rfrecon.training.TrainingDivergedException;
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
