package org.rfrecon.datasets.scene;

import java.util.Locale;

/** What a scene is made of. */
public enum SceneKind {
    /** Point targets only. */
    POINTS,
    /** Extended shapes only. */
    SHAPES,
    /** Extended shapes with point targets on top. */
    MIXED,
    /**
     * Each scene one of {@link #POINTS}, {@link #SHAPES} and {@link #MIXED}, equally likely, drawn
     * first from the scene's own seed: a training family that covers the other three.
     */
    ANY;

    /** The command-line name: {@code points}, {@code shapes}, {@code mixed} or {@code any}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind of a command-line name.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static SceneKind byName(String name) {
        for (SceneKind k : values()) {
            if (k.id().equals(name.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException(
                "scene kind must be points, shapes, mixed or any, got '" + name + "'");
    }
}
