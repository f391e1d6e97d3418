package org.rfrecon.datasets.npy;

import java.io.IOException;

/**
 * A malformed, truncated or unsupported NPY/NPZ input. The message is one line of the form {@code
 * FILE[:KEY]: what is wrong (what was expected)}.
 */
public final class NpyFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param source the file and, for an NPZ member, the key ({@code "sim.npz:scene"})
     * @param what what is wrong and what was expected
     */
    public NpyFormatException(String source, String what) {
        super(source + ": " + what);
    }

    /**
     * @param source the file and, for an NPZ member, the key
     * @param what what is wrong and what was expected
     * @param cause the low-level failure, kept for debugging
     */
    public NpyFormatException(String source, String what, Throwable cause) {
        super(source + ": " + what, cause);
    }
}
