package org.rfrecon.cli;

import picocli.CommandLine.Mixin;

/**
 * The options of a command that may run as a cluster job: {@code --json}, {@code --device} and
 * {@code --master} (a picocli mixin of those three mixins).
 */
final class JobOptions {

    @Mixin JsonOption json;

    @Mixin DeviceOption device;

    @Mixin ClusterOptions cluster;
}
