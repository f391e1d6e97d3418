package org.rfrecon.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** `rfrecon bench`: Measures operator, solver and training speed. Not built yet (issue 10). */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measures operator, solver and training speed. (not built yet)")
final class BenchCommand extends NotBuiltYet {

    @Unmatched java.util.List<String> rest;

    @Override
    protected String what() {
        return "'bench' (issue 10)";
    }
}
