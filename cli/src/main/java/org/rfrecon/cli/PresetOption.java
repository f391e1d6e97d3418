package org.rfrecon.cli;

import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import picocli.CommandLine.Option;

/** The required {@code --preset NAME} of a command that works on one preset geometry (a mixin). */
final class PresetOption {

    @Option(
            names = "--preset",
            required = true,
            description = "preset: ${COMPLETION-CANDIDATES} (docs/physics.md)",
            completionCandidates = PresetNames.class)
    String name;

    /** The preset's geometry; an unknown name is a one-line refusal listing the presets. */
    Geometry geometry() {
        return Preset.byName(name).geometry();
    }
}
