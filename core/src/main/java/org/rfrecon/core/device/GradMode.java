package org.rfrecon.core.device;

import ai.djl.pytorch.jni.JniUtils;

/**
 * The PyTorch engine's gradient-recording mode for the current thread, set for a block and restored
 * when the block ends:
 *
 * <pre>
 *   try (GradMode g = GradMode.disabled()) {
 *       ... // no autograd graph is recorded here
 *   }       // the previous mode is back, whatever happened inside
 * </pre>
 *
 * <p>DJL records a graph whenever a {@code GradientCollector} is open; inference inside training
 * (validation, checkpointed forward passes, parameter copies) must not. PyTorch's mode is
 * thread-local, so a {@code GradMode} must be closed on the thread that opened it.
 */
public final class GradMode implements AutoCloseable {

    private final boolean previous;

    private GradMode(boolean enabled) {
        this.previous = JniUtils.isGradMode();
        JniUtils.setGradMode(enabled);
    }

    /** Disables gradient recording until {@link #close}. */
    public static GradMode disabled() {
        return new GradMode(false);
    }

    /** Enables gradient recording until {@link #close}. */
    public static GradMode enabled() {
        return new GradMode(true);
    }

    /** Whether the mode this block replaced recorded gradients. */
    public boolean previous() {
        return previous;
    }

    /** Restores the mode that was in force when this block began. */
    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
