package org.rfrecon.core.testing;

/** Fresh seeds for random test inputs; tests print the seed so a failure can be replayed. */
public final class Seeds {

    private Seeds() {}

    /** A new seed for every call; set {@code -Drfrecon.test.seed=S} to replay one. */
    public static long fresh() {
        String fixed = System.getProperty("rfrecon.test.seed");
        return fixed != null ? Long.parseLong(fixed) : System.nanoTime();
    }
}
