package org.rfrecon.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --json FILE}: what a command prints, also written as one JSON object (a mixin). */
final class JsonOption {

    @Option(names = "--json", description = "write what is printed as one JSON object")
    Path path;
}
