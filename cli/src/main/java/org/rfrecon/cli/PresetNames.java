package org.rfrecon.cli;

import java.util.Arrays;
import java.util.Iterator;
import org.rfrecon.core.geometry.Preset;

/** The preset names, for {@code --help} ({@code ${COMPLETION-CANDIDATES}}) and completion. */
final class PresetNames implements Iterable<String> {

    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(Preset.values()).map(Preset::id).iterator();
    }
}
