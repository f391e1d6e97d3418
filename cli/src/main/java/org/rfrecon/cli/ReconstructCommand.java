package org.rfrecon.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** `rfrecon reconstruct`: Reconstructs a scene with a classical solver. Not built yet (issue 5). */
@Command(
        name = "reconstruct",
        mixinStandardHelpOptions = true,
        description = "Reconstructs a scene with a classical solver. (not built yet)")
final class ReconstructCommand extends NotBuiltYet {

    @Unmatched java.util.List<String> rest;

    @Override
    protected String what() {
        return "'reconstruct' (issue 5)";
    }
}
