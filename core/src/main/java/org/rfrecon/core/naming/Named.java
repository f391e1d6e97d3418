package org.rfrecon.core.naming;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A constant known on the command line and in files by a name, its {@link #id()}: by default its
 * Java name in lower case with hyphens for underscores ({@code THRESHOLD_CNN} is {@code
 * threshold-cnn}, {@code TINY_3D} is {@code tiny-3d}). Enums implement it, their own {@link
 * Enum#name()} being {@link #name()}; {@link #byId} looks a constant up by its name in any case.
 */
public interface Named {

    /** The constant's Java name (an enum's {@link Enum#name()}). */
    String name();

    /** The name on the command line and in files: {@link #name()} in lower case, '-' for '_'. */
    default String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The constant among {@code values} whose {@link #id()} is {@code name} in any case.
     *
     * @param what what the values are, for the message ({@code physics})
     * @throws IllegalArgumentException naming the accepted values: {@code physics must be fresnel
     *     or exact, got 'x'}
     */
    static <T extends Named> T byId(T[] values, String name, String what) {
        return byId(
                values,
                name,
                known -> what + " must be " + alternatives(values) + ", got '" + name + "'");
    }

    /**
     * The constant among {@code values} whose {@link #id()} is {@code name} in any case.
     *
     * @param refusal the message for a name that is none of theirs, given their ids separated by
     *     commas ({@code tiny, tiny-3d, small})
     * @throws IllegalArgumentException with that message
     */
    static <T extends Named> T byId(T[] values, String name, UnaryOperator<String> refusal) {
        String id = name.toLowerCase(Locale.ROOT);
        for (T t : values) {
            if (t.id().equals(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                refusal.apply(
                        Arrays.stream(values).map(Named::id).collect(Collectors.joining(", "))));
    }

    /** {@code a}, {@code a or b}, {@code a, b or c}: the ids of {@code values} in their order. */
    private static String alternatives(Named[] values) {
        List<String> ids = Arrays.stream(values).map(Named::id).toList();
        int last = ids.size() - 1;
        return last < 1
                ? String.join("", ids)
                : String.join(", ", ids.subList(0, last)) + " or " + ids.get(last);
    }
}
