package org.rfrecon.training;

/**
 * Thrown when training produces non-finite losses or gradients for several steps in a row. Such
 * steps are skipped (the parameters stay finite and the last checkpoint stays as it was); this
 * exception stops a run that cannot recover, with a message that says where and what to change.
 */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message one line: where training diverged and what to try
     */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
