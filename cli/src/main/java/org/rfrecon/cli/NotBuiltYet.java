package org.rfrecon.cli;

import java.util.concurrent.Callable;

/**
 * Base of a command whose issue is still open: it says so plainly and exits 2, and never pretends
 * to work.
 */
abstract class NotBuiltYet implements Callable<Integer> {

    /** What is missing, e.g. "training (issue 7)". */
    protected abstract String what();

    @Override
    public Integer call() {
        System.err.println("rfrecon: " + what() + " is not built yet");
        return CliErrors.USAGE;
    }
}
