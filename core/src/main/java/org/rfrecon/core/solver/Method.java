package org.rfrecon.core.solver;

import java.util.Locale;
import java.util.Optional;

/** The classical reconstruction methods of SPEC §4. */
public enum Method {
    /** Scaled backprojection ({@link Backprojection}). */
    BACKPROJECTION,
    /** Tikhonov-regularised least squares by CG ({@link TikhonovCg}). */
    CG,
    /** FISTA with adaptive restart ({@link Fista}). */
    FISTA,
    /** ADMM ({@link Admm}). */
    ADMM;

    /** The lower-case name ({@code "admm"}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The method named {@code key} (any case), or empty. */
    public static Optional<Method> of(String key) {
        for (Method m : values()) {
            if (m.key().equalsIgnoreCase(key)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** Whether the method takes a regulariser R (l1 or TV). */
    public boolean isRegularised() {
        return this == FISTA || this == ADMM;
    }
}
