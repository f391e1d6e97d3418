package org.rfrecon.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** `rfrecon simulate`: Simulates scenes and measurements. Not built yet (issue 4). */
@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        description = "Simulates scenes and measurements. (not built yet)")
final class SimulateCommand extends NotBuiltYet {

    @Unmatched java.util.List<String> rest;

    @Override
    protected String what() {
        return "'simulate' (issue 4)";
    }
}
