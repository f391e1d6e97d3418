package org.rfrecon.core.naming;

/**
 * One-line texts of messages: what rfrecon puts after a colon in its own errors, where a library's
 * message may run over several lines (libtorch's carry a C++ stack trace) or be missing.
 */
public final class Messages {

    private Messages() {}

    /**
     * The first line of {@code message} (up to its first line break, {@code \n} or {@code \r}), or
     * {@code ifNone} when there is no message.
     */
    public static String firstLine(String message, String ifNone) {
        if (message == null) {
            return ifNone;
        }
        int end = 0;
        while (end < message.length()
                && message.charAt(end) != '\n'
                && message.charAt(end) != '\r') {
            end++;
        }
        return message.substring(0, end);
    }

    /** The first line of {@code e}'s message, or its class's simple name when it has none. */
    public static String firstLine(Throwable e) {
        return firstLine(e.getMessage(), e.getClass().getSimpleName());
    }
}
