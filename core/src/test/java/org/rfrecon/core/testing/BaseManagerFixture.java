package org.rfrecon.core.testing;

import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A base for test classes that share one base {@link NDManager}: opened before the class's first
 * test and closed after its last. Tests make their temporaries in sub-managers of {@link #manager}.
 * (Test classes run one at a time in a fork, so the one static field serves each class in turn.)
 */
public abstract class BaseManagerFixture {

    /** The class's base manager, open while its tests run. */
    protected static NDManager manager;

    /** Opens the base manager. */
    @BeforeAll
    static void openBaseManager() {
        manager = NDManager.newBaseManager();
    }

    /** Closes the base manager and all it holds. */
    @AfterAll
    static void closeBaseManager() {
        manager.close();
    }
}
