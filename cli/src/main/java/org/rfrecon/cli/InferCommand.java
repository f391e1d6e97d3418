package org.rfrecon.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** `rfrecon infer`: Runs an exported model on measurements. Not built yet (issue 8). */
@Command(
        name = "infer",
        mixinStandardHelpOptions = true,
        description = "Runs an exported model on measurements. (not built yet)")
final class InferCommand extends NotBuiltYet {

    @Unmatched java.util.List<String> rest;

    @Override
    protected String what() {
        return "'infer' (issue 8)";
    }
}
