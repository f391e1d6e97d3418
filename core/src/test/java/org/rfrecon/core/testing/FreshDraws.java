package org.rfrecon.core.testing;

import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * For tests of random inputs on a fresh manager: a test method's {@link Random} parameter is seeded
 * from {@link Seeds#fresh()} (one seed per test), its {@link NDManager} parameter is a base manager
 * closed after the test, and a failing test's error names the seed, so any failure can be replayed
 * with {@code -Drfrecon.test.seed=S}.
 *
 * <pre>
 *   &#64;ExtendWith(FreshDraws.class)
 *   class SomeTest {
 *       &#64;Test
 *       void someProperty(Random rng, NDManager m) { ... }
 *   }
 * </pre>
 */
public final class FreshDraws implements ParameterResolver, TestExecutionExceptionHandler {

    private static final ExtensionContext.Namespace DRAWS =
            ExtensionContext.Namespace.create(FreshDraws.class);

    /** Used by JUnit. */
    public FreshDraws() {}

    /** A {@link Random} or an {@link NDManager}. */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Random.class || type == NDManager.class;
    }

    /** The test's seeded {@link Random}, or a base manager that is closed after the test. */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(DRAWS);
        if (parameter.getParameter().getType() == Random.class) {
            return new Random(store.getOrComputeIfAbsent("seed", k -> Seeds.fresh(), Long.class));
        }
        return store.getOrComputeIfAbsent(
                        "manager",
                        k -> new ClosingManager(NDManager.newBaseManager()),
                        ClosingManager.class)
                .manager();
    }

    /**
     * Rethrows a failure naming the test's seed, if it drew one: an assertion's message gets {@code
     * (seed S)} appended (the original is the cause), any other error carries it as a suppressed
     * note.
     */
    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        Long seed = context.getStore(DRAWS).get("seed", Long.class);
        if (seed == null) {
            throw failure;
        }
        String note = "seed " + seed;
        if (failure instanceof AssertionError) {
            throw new AssertionError(failure.getMessage() + " (" + note + ")", failure);
        }
        failure.addSuppressed(new DrawnSeed(note));
        throw failure;
    }

    /** The seed of a failed test, as a note on an error that is not an assertion. */
    private static final class DrawnSeed extends Throwable {
        private static final long serialVersionUID = 1L;

        DrawnSeed(String note) {
            super(note, null, false, false);
        }
    }

    /**
     * Closes its manager when JUnit closes the test's store (JUnit 5.13 closes {@link
     * AutoCloseable} values and warns about the older interface alone).
     */
    private record ClosingManager(NDManager manager)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            manager.close();
        }
    }
}
