package org.rfrecon.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** `rfrecon zoo`: Lists the models of the rfrecon model zoo. Not built yet (issue 8). */
@Command(
        name = "zoo",
        mixinStandardHelpOptions = true,
        description = "Lists the models of the rfrecon model zoo. (not built yet)")
final class ZooCommand extends NotBuiltYet {

    @Unmatched java.util.List<String> rest;

    @Override
    protected String what() {
        return "'zoo' (issue 8)";
    }
}
