package org.rfrecon.training;

/**
 * The checks of a training configuration's parts, each message naming the key of the JSON form
 * ({@code config: stages must be positive, got 0}).
 */
final class ConfigChecks {

    private ConfigChecks() {}

    static void positive(String key, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(
                    "config: " + key + " must be positive, got " + value);
        }
    }

    static void positive(String key, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("config: " + key + " must be positive");
        }
    }

    static void finite(String key, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("config: " + key + " must be finite");
        }
    }

    static void given(String key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("config: " + key + " is required");
        }
    }
}
