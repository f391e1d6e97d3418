package org.rfrecon.training;

import java.util.Locale;

/** Where a run's training scenes come from, epoch after epoch. */
public enum DataMode {
    /**
     * {@code train_count} new scenes every epoch, sample i of epoch e a function of (seed, e, i)
     * ({@link FreshScenes}).
     */
    FRESH,
    /** The same {@code train_count} scenes, simulated once, every epoch. */
    FIXED;

    /** The name in configs: {@code fresh} or {@code fixed}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
