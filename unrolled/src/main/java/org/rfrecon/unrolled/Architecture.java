package org.rfrecon.unrolled;

import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonObject;
import java.util.Locale;
import org.rfrecon.core.naming.Named;

/**
 * The shape of an unrolled ADMM network: everything needed to rebuild it before loading its
 * parameters (recorded in a model's {@code model.json}). Built with {@link #builder()} (every field
 * has a default) or the canonical constructor.
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
 * @param cnnMask the threshold-CNN regularizer also has a {@link
 *     org.rfrecon.unrolled.regularizer.MagnitudeMask} branch: a real map drawn from {@code |v|}
 *     that multiplies {@code v}, equivariant to the phase that the CNN on (real, imaginary)
 *     channels has to learn for every rotation; its gain starts like the CNN's
 * @param precision {@link DataType#FLOAT32} or {@link DataType#FLOAT64}
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
        boolean cnnMask,
        DataType precision) {

    /**
     * The learned regularizers; the name in configs ({@link #id()}) is e.g. {@code soft-threshold}.
     */
    public enum RegularizerKind implements Named {
        /** A learned complex soft threshold per stage. */
        SOFT_THRESHOLD,
        /** A residual CNN on (real, imaginary) channels. */
        CNN,
        /** A learned soft threshold plus a CNN correction that starts near zero. */
        THRESHOLD_CNN;

        /** Parses {@link #id()}. */
        public static RegularizerKind byId(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** The x-step solvers; the name in configs ({@link #id()}) is {@code cg} or {@code exact}. */
    public enum XStepKind implements Named {
        /** A fixed number of differentiable CG iterations. */
        CG,
        /** The exact Kronecker solve (one pair, one subcarrier only). */
        EXACT;

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
        if (regularizer == null || xStep == null) {
            throw new IllegalArgumentException("architecture needs a regularizer and an x-step");
        }
        if (cnnMask && regularizer != RegularizerKind.THRESHOLD_CNN) {
            throw new IllegalArgumentException(
                    "cnn_mask is a branch of the threshold-cnn regularizer, not of "
                            + regularizer.id());
        }
        if (precision != DataType.FLOAT32 && precision != DataType.FLOAT64) {
            throw new IllegalArgumentException(
                    "precision must be float32 or float64, got " + precision);
        }
    }

    /** A builder starting from {@link Builder}'s defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this architecture. */
    public Builder toBuilder() {
        return new Builder()
                .optStages(stages)
                .optRegularizer(regularizer)
                .optSharedWeights(sharedWeights)
                .optXStep(xStep)
                .optCgIterations(cgIterations)
                .optCnnDepth(cnnDepth)
                .optCnnWidth(cnnWidth)
                .optCnnDilated(cnnDilated)
                .optCnnGain(cnnGain)
                .optCnnMask(cnnMask)
                .optPrecision(precision);
    }

    /** The name of a precision in files: {@code float32} or {@code float64}. */
    public static String precisionId(DataType precision) {
        return precision.name().toLowerCase(Locale.ROOT);
    }

    /**
     * The precision of {@link #precisionId}'s name.
     *
     * @throws IllegalArgumentException for anything but {@code float32} and {@code float64}
     */
    public static DataType precisionById(String id) {
        if ("float32".equals(id)) {
            return DataType.FLOAT32;
        }
        if ("float64".equals(id)) {
            return DataType.FLOAT64;
        }
        throw new IllegalArgumentException("precision must be float32 or float64, got " + id);
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
        if (cnnMask) {
            o.addProperty("cnn_mask", true); // absent in models without the branch
        }
        o.addProperty("precision", precisionId(precision));
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
                    o.has("cnn_mask") && o.get("cnn_mask").getAsBoolean(),
                    precisionById(o.get("precision").getAsString()));
        } catch (NullPointerException | IllegalStateException | UnsupportedOperationException e) {
            throw new IllegalArgumentException("architecture is malformed: " + o, e);
        }
    }

    /**
     * Builds an {@link Architecture}. Defaults: 4 stages, the threshold-CNN regularizer, one per
     * stage, 4 CG iterations, a CNN of depth 3 and width 8, not dilated, no gain, no mask branch,
     * float32.
     */
    public static final class Builder {
        private int stages = 4;
        private RegularizerKind regularizer = RegularizerKind.THRESHOLD_CNN;
        private boolean sharedWeights;
        private XStepKind xStep = XStepKind.CG;
        private int cgIterations = 4;
        private int cnnDepth = 3;
        private int cnnWidth = 8;
        private boolean cnnDilated;
        private boolean cnnGain;
        private boolean cnnMask;
        private DataType precision = DataType.FLOAT32;

        private Builder() {}

        /** K, the number of stages. */
        public Builder optStages(int stages) {
            this.stages = stages;
            return this;
        }

        /** The learned z-step. */
        public Builder optRegularizer(RegularizerKind regularizer) {
            this.regularizer = regularizer;
            return this;
        }

        /** One regularizer for all stages. */
        public Builder optSharedWeights(boolean sharedWeights) {
            this.sharedWeights = sharedWeights;
            return this;
        }

        /** How each stage solves its x-step. */
        public Builder optXStep(XStepKind xStep) {
            this.xStep = xStep;
            return this;
        }

        /** CG iterations per x-step. */
        public Builder optCgIterations(int cgIterations) {
            this.cgIterations = cgIterations;
            return this;
        }

        /** Convolution layers of the CNN regularizer. */
        public Builder optCnnDepth(int cnnDepth) {
            this.cnnDepth = cnnDepth;
            return this;
        }

        /** Hidden channels of the CNN regularizer. */
        public Builder optCnnWidth(int cnnWidth) {
            this.cnnWidth = cnnWidth;
            return this;
        }

        /** Dilated convolutions in the CNN regularizer. */
        public Builder optCnnDilated(boolean cnnDilated) {
            this.cnnDilated = cnnDilated;
            return this;
        }

        /** A learned gain on the CNN branch's output ({@link Architecture#cnnGain}). */
        public Builder optCnnGain(boolean cnnGain) {
            this.cnnGain = cnnGain;
            return this;
        }

        /** A magnitude-mask branch in the threshold-CNN ({@link Architecture#cnnMask}). */
        public Builder optCnnMask(boolean cnnMask) {
            this.cnnMask = cnnMask;
            return this;
        }

        /** The precision of the computation. */
        public Builder optPrecision(DataType precision) {
            this.precision = precision;
            return this;
        }

        /** Validates and builds. */
        public Architecture build() {
            return new Architecture(
                    stages,
                    regularizer,
                    sharedWeights,
                    xStep,
                    cgIterations,
                    cnnDepth,
                    cnnWidth,
                    cnnDilated,
                    cnnGain,
                    cnnMask,
                    precision);
        }
    }
}
