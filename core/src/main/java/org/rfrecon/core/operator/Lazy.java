package org.rfrecon.core.operator;

import java.util.function.Supplier;

/**
 * A value built by its supplier on the first {@link #get} (thread-safe, at most once): the
 * operators' factor sets that only some products need.
 *
 * @param <T> the value's type
 */
final class Lazy<T> {

    private final Supplier<T> make;
    private volatile T value;

    Lazy(Supplier<T> make) {
        this.make = make;
    }

    /** The value, built now if it was not. */
    T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = make.get();
                    value = v;
                }
            }
        }
        return v;
    }

    /** Whether {@link #get} has built the value. */
    boolean built() {
        return value != null;
    }
}
