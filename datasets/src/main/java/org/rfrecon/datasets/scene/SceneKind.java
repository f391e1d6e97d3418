package org.rfrecon.datasets.scene;

import org.rfrecon.core.naming.Named;

/**
 * What a scene is made of. Its command-line name ({@link #id()}) is {@code points}, {@code shapes},
 * {@code mixed} or {@code any}.
 */
public enum SceneKind implements Named {
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

    /**
     * The kind of a command-line name.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static SceneKind byName(String name) {
        return Named.byId(values(), name, "scene kind");
    }
}
