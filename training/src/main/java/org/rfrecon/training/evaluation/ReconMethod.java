package org.rfrecon.training.evaluation;

import ai.djl.ndarray.NDManager;
import org.rfrecon.core.complex.ComplexTensor;

/**
 * A reconstruction method under evaluation: a classical solver ({@link ClassicalMethods}) or a
 * trained network (the command line adapts a model's predictor). {@link Evaluation} calls {@link
 * #reconstruct} once per scene and times each call, so whatever a method needs once per geometry
 * (an operator, a norm) it should build in {@link #prepare}, which is not timed.
 */
public interface ReconMethod {

    /** The row label of this method, e.g. {@code admm-l1} or {@code zoo:unrolled-small}. */
    String name();

    /**
     * The solver a row belongs to when several rows are one solver at several settings (a lambda
     * sweep): the report names the best row of each family. Default {@link #name()}.
     */
    default String family() {
        return name();
    }

    /** Builds what the method needs once for the scenes' geometry (not timed; default nothing). */
    default void prepare(HeldOutScene first, NDManager manager) {}

    /** Frees what {@link #prepare} built, once its rows are done (default nothing). */
    default void release() {}

    /**
     * Reconstructs one scene from its measurements; the result is owned by {@code manager} and has
     * the scene's shape.
     */
    ComplexTensor reconstruct(HeldOutScene scene, NDManager manager);
}
