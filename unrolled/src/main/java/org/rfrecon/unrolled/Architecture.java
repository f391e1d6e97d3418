package org.rfrecon.unrolled;

import com.google.gson.JsonObject;
import java.util.Locale;

/**
 * The shape of an unrolled ADMM network: everything needed to rebuild it before loading its
 * parameters (recorded in a model's {@code model.json}).
 *
 * @param stages K, the number of unrolled ADMM iterations
 * @param regularizer the learned z-step
 * @param sharedWeights one regularizer for all stages (true) or one per stage
 * @param xStep how each stage solves its x-step
 * @param cgIterations CG iterations per x-step (for {@link XStepKind#CG})
 * @param cnnDepth convolution layers of the CNN regularizer
 * @param cnnWidth channels of the CNN regularizer's hidden layers
 * @param cnnDilated dilated convolutions in the CNN regularizer: layer {@code l} of {@code d}
 *     dilated by {@code 2^min(l, d - 1 - l)} (at most 8), so a depth-7 CNN sees 45 x 45 pixels
 *     instead of 15 x 15 at the same cost (the point spread of {@code small} is about 8 x 12
 *     pixels)
 * @param cnnGain the CNN branch's output multiplied by a learned gain per stage (ReZero,
 *     Bachlechner et al. 2020) that starts at the initial CNN scale, with the convolutions at their
 *     normal initial scale; without it the output layer's weights themselves start scaled down,
 *     which Adam's first steps (about the learning rate per weight) undo at once
 * @param precision {@code float32} or {@code float64}
 */
public record Architecture(
        int stages,
        RegularizerKind regularizer,
        boolean sharedWeights,
        XStepKind xStep,
        int cgIterations,
        int cnnDepth,
        int cnnWidth,
        boolean cnnDilated,
        boolean cnnGain,
        String precision) {

    /** An architecture whose CNN (if any) has no learned output gain. */
    public Architecture(
            int stages,
            RegularizerKind regularizer,
            boolean sharedWeights,
            XStepKind xStep,
            int cgIterations,
            int cnnDepth,
            int cnnWidth,
            boolean cnnDilated,
            String precision) {
        this(
                stages,
                regularizer,
                sharedWeights,
                xStep,
                cgIterations,
                cnnDepth,
                cnnWidth,
                cnnDilated,
                false,
                precision);
    }

    /** An architecture whose CNN (if any) is not dilated. */
    public Architecture(
            int stages,
            RegularizerKind regularizer,
            boolean sharedWeights,
            XStepKind xStep,
            int cgIterations,
            int cnnDepth,
            int cnnWidth,
            String precision) {
        this(
                stages,
                regularizer,
                sharedWeights,
                xStep,
                cgIterations,
                cnnDepth,
                cnnWidth,
                false,
                precision);
    }

    /** The learned regularizers. */
    public enum RegularizerKind {
        /** A learned complex soft threshold per stage. */
        SOFT_THRESHOLD,
        /** A residual CNN on (real, imaginary) channels. */
        CNN,
        /** A learned soft threshold plus a CNN correction that starts near zero. */
        THRESHOLD_CNN;

        /** The name used in configs, e.g. {@code soft-threshold}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Parses {@link #id()}. */
        public static RegularizerKind byId(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** The x-step solvers. */
    public enum XStepKind {
        /** A fixed number of differentiable CG iterations. */
        CG,
        /** The exact Kronecker solve (one pair, one subcarrier only). */
        EXACT;

        /** The name used in configs. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses {@link #id()}. */
        public static XStepKind byId(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT));
        }
    }

    /** Validates. */
    public Architecture {
        if (stages < 1 || cgIterations < 1 || cnnDepth < 2 || cnnWidth < 1) {
            throw new IllegalArgumentException(
                    "architecture needs stages >= 1, cg_iterations >= 1, cnn_depth >= 2, cnn_width >= 1");
        }
        if (!"float32".equals(precision) && !"float64".equals(precision)) {
            throw new IllegalArgumentException(
                    "precision must be float32 or float64, got " + precision);
        }
    }

    /** As JSON. */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("kind", "unrolled-admm");
        o.addProperty("stages", stages);
        o.addProperty("regularizer", regularizer.id());
        o.addProperty("shared_weights", sharedWeights);
        o.addProperty("x_step", xStep.id());
        o.addProperty("cg_iterations", cgIterations);
        o.addProperty("cnn_depth", cnnDepth);
        o.addProperty("cnn_width", cnnWidth);
        o.addProperty("cnn_dilated", cnnDilated);
        if (cnnGain) {
            o.addProperty("cnn_gain", true); // absent in models made before the gain existed
        }
        o.addProperty("precision", precision);
        return o;
    }

    /**
     * Reads {@link #toJson()}'s output.
     *
     * @throws IllegalArgumentException naming a missing or invalid key
     */
    public static Architecture fromJson(JsonObject o) {
        if (!o.has("kind") || !"unrolled-admm".equals(o.get("kind").getAsString())) {
            throw new IllegalArgumentException("architecture: 'kind' must be \"unrolled-admm\"");
        }
        try {
            return new Architecture(
                    o.get("stages").getAsInt(),
                    RegularizerKind.byId(o.get("regularizer").getAsString()),
                    o.get("shared_weights").getAsBoolean(),
                    XStepKind.byId(o.get("x_step").getAsString()),
                    o.get("cg_iterations").getAsInt(),
                    o.get("cnn_depth").getAsInt(),
                    o.get("cnn_width").getAsInt(),
                    o.has("cnn_dilated") && o.get("cnn_dilated").getAsBoolean(),
                    o.has("cnn_gain") && o.get("cnn_gain").getAsBoolean(),
                    o.get("precision").getAsString());
        } catch (NullPointerException | IllegalStateException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("architecture is malformed: " + o, e);
        }
    }
}
