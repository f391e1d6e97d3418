package org.rfrecon.cli;

/** Exit codes of the command line, and the exception for a bad input. */
public final class CliErrors {

    /** Bad input: wrong shapes, NaN, malformed files, a mismatched model, no GPU. */
    public static final int USAGE = 2;

    /** An internal failure (a bug): the stack trace is printed. */
    public static final int INTERNAL = 1;

    private CliErrors() {}

    /** A failure caused by the user's input; the message is printed as one line. */
    public static final class UserError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** A one-line message naming the file, key and expectation. */
        public UserError(String message) {
            super(message);
        }

        /** A one-line message with its cause kept for debugging. */
        public UserError(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
