package org.rfrecon.training;

import org.rfrecon.core.naming.Named;

/**
 * Where a run's training scenes come from, epoch after epoch. The name in configs ({@link #id()})
 * is {@code fresh} or {@code fixed}.
 */
public enum DataMode implements Named {
    /**
     * {@code train_count} new scenes every epoch, sample i of epoch e a function of (seed, e, i)
     * ({@link FreshScenes}).
     */
    FRESH,
    /** The same {@code train_count} scenes, simulated once, every epoch. */
    FIXED
}
