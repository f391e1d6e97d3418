package org.rfrecon.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** `rfrecon train`: Trains an unrolled network. Not built yet (issue 7). */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Trains an unrolled network. (not built yet)")
final class TrainCommand extends NotBuiltYet {

    @Unmatched java.util.List<String> rest;

    @Override
    protected String what() {
        return "'train' (issue 7)";
    }
}
