package org.rfrecon.cli;

import ai.djl.Device;
import picocli.CommandLine.Option;

/** {@code --device cpu|gpu}, the kind of device a command computes on (a mixin). */
final class DeviceOption {

    @Option(
            names = "--device",
            defaultValue = "cpu",
            description = "cpu or gpu (default ${DEFAULT-VALUE})")
    String kind;

    /** The device; a bad kind or a missing GPU is a one-line refusal naming {@code --device}. */
    Device resolve() {
        return Flags.device(kind);
    }
}
