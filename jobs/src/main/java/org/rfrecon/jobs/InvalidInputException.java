package org.rfrecon.jobs;

/**
 * A refusal caused by the caller's input (a malformed master URL, an output directory that holds
 * something else): the message is one line naming the value and what was expected. Front ends
 * report it as a bad input (the command line: one line, exit code 2), not as a bug.
 */
public class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * A one-line message naming the value and the expectation.
     *
     * @param message the message
     */
    public InvalidInputException(String message) {
        super(message);
    }

    /**
     * A one-line message with its cause kept for debugging.
     *
     * @param message the message
     * @param cause the cause
     */
    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
