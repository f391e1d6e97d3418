package org.rfrecon.datasets.scene;

/**
 * What a random scene may contain. Built with {@link #builder()}; every field has a default.
 *
 * @param kind points, shapes or both
 * @param minPoints fewest point targets (points and mixed scenes)
 * @param maxPoints most point targets
 * @param minShapes fewest extended shapes (shapes and mixed scenes)
 * @param maxShapes most extended shapes
 * @param density the expected fraction of the grid that the shapes of a scene cover together
 * @param dynamicRangeDb amplitudes are {@code 10^(-u D / 20)} with {@code u} uniform in [0, 1]: the
 *     weakest target is at most {@code D} dB below the strongest (which is at most 1)
 * @param smoothFraction the probability that a shape's magnitude varies smoothly (a slow cosine
 *     ripple between 0.2 and 1 of its amplitude) rather than being constant
 * @param margin the fraction of each axis kept free at both edges (targets stay inside the field of
 *     view)
 */
public record SceneConfig(
        SceneKind kind,
        int minPoints,
        int maxPoints,
        int minShapes,
        int maxShapes,
        double density,
        double dynamicRangeDb,
        double smoothFraction,
        double margin) {

    /** A builder with the defaults: mixed, 3-10 points, 1-3 shapes, density 0.15, 30 dB. */
    public static Builder builder() {
        return new Builder();
    }

    /** The default configuration of {@code kind}. */
    public static SceneConfig of(SceneKind kind) {
        return builder().optKind(kind).build();
    }

    /** Builds a {@link SceneConfig}; {@link #build()} validates the ranges. */
    public static final class Builder {
        private SceneKind kind = SceneKind.MIXED;
        private int minPoints = 3;
        private int maxPoints = 10;
        private int minShapes = 1;
        private int maxShapes = 3;
        private double density = 0.15;
        private double dynamicRangeDb = 30;
        private double smoothFraction = 0.5;
        private double margin = 0.1;

        private Builder() {}

        /** Sets the kind (default mixed). */
        public Builder optKind(SceneKind kind) {
            this.kind = kind;
            return this;
        }

        /** Sets the range of point counts, inclusive (default 3 to 10). */
        public Builder optPointCount(int min, int max) {
            this.minPoints = min;
            this.maxPoints = max;
            return this;
        }

        /** Sets the range of shape counts, inclusive (default 1 to 3). */
        public Builder optShapeCount(int min, int max) {
            this.minShapes = min;
            this.maxShapes = max;
            return this;
        }

        /** Sets the fraction of the grid the shapes cover together (default 0.15). */
        public Builder optDensity(double density) {
            this.density = density;
            return this;
        }

        /** Sets the dynamic range of amplitudes in dB (default 30). */
        public Builder optDynamicRangeDb(double db) {
            this.dynamicRangeDb = db;
            return this;
        }

        /** Sets the probability of smooth rather than constant shape magnitude (default 0.5). */
        public Builder optSmoothFraction(double p) {
            this.smoothFraction = p;
            return this;
        }

        /** Sets the free margin at each edge, a fraction of the axis (default 0.1). */
        public Builder optMargin(double margin) {
            this.margin = margin;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws IllegalArgumentException naming the field out of range
         */
        public SceneConfig build() {
            if (kind == null) {
                throw new IllegalArgumentException("scene kind is required");
            }
            if (minPoints < 0 || maxPoints < minPoints) {
                throw new IllegalArgumentException(
                        "point count range [" + minPoints + ", " + maxPoints + "] is invalid");
            }
            if (minShapes < 0 || maxShapes < minShapes) {
                throw new IllegalArgumentException(
                        "shape count range [" + minShapes + ", " + maxShapes + "] is invalid");
            }
            if (kind != SceneKind.SHAPES && maxPoints == 0) {
                throw new IllegalArgumentException(kind.id() + " scenes need at least one point");
            }
            if (kind != SceneKind.POINTS && maxShapes == 0) {
                throw new IllegalArgumentException(kind.id() + " scenes need at least one shape");
            }
            if (!(density > 0 && density <= 1)) {
                throw new IllegalArgumentException("density must be in (0, 1], got " + density);
            }
            if (!(dynamicRangeDb >= 0 && dynamicRangeDb <= 200)) {
                throw new IllegalArgumentException(
                        "dynamic range must be in [0, 200] dB, got " + dynamicRangeDb);
            }
            if (!(smoothFraction >= 0 && smoothFraction <= 1)) {
                throw new IllegalArgumentException(
                        "smooth fraction must be in [0, 1], got " + smoothFraction);
            }
            if (!(margin >= 0 && margin < 0.5)) {
                throw new IllegalArgumentException("margin must be in [0, 0.5), got " + margin);
            }
            return new SceneConfig(
                    kind,
                    minPoints,
                    maxPoints,
                    minShapes,
                    maxShapes,
                    density,
                    dynamicRangeDb,
                    smoothFraction,
                    margin);
        }
    }
}
