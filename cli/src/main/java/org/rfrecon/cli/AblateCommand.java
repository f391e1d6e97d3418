package org.rfrecon.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** `rfrecon ablate`: Runs an ablation grid. Not built yet (issue 9). */
@Command(
        name = "ablate",
        mixinStandardHelpOptions = true,
        description = "Runs an ablation grid. (not built yet)")
final class AblateCommand extends NotBuiltYet {

    @Unmatched java.util.List<String> rest;

    @Override
    protected String what() {
        return "'ablate' (issue 9)";
    }
}
