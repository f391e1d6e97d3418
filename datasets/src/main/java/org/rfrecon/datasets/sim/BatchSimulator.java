package org.rfrecon.datasets.sim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Random;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.SensingFactors;
import org.rfrecon.core.operator.ExactSpherical;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.datasets.scene.Seeds;

/**
 * Simulates a batch of samples with one application of the forward model, fast enough to draw fresh
 * training scenes every epoch. Sample {@code i} of seed {@code s} is the {@link Simulator}'s sample
 * {@code i} of seed {@code s} to float32 rounding: the same scene (host draw from {@code
 * Seeds.derive(s, i, SCENE)}), the same noise draw ({@code Seeds.derive(s, i, NOISE)}) scaled to
 * the same SNR of that sample alone.
 *
 * <p>The exact spherical model of a fixed geometry is a fixed linear map, so with {@link
 * Physics#EXACT} the simulator builds its dense matrix once ({@link ExactSpherical#toDense}: P F M2
 * M1 x N complex values, 0.8 GB in complex64 for {@code small}) and a batch costs one matrix
 * product instead of forming the blocks again for every call. Fresnel batches go through the
 * Kronecker operator, which is batched already. Everything lives in a sub-manager of the builder's
 * manager; {@link #close()} frees it.
 */
public final class BatchSimulator extends SimulatorParts {

    private final LinearOperator operator;

    private BatchSimulator(Builder b) {
        super(b);
        if (physics == Physics.EXACT) {
            this.operator = new ExactSpherical(geometry, own, dtype).toDense(own);
        } else {
            SensingFactors f = SensingFactors.fresnel(geometry, own, dtype);
            this.operator = physics.operator(geometry, f, own, dtype);
        }
    }

    /** A builder; geometry and manager are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Samples {@code indices} of the run seeded {@code seed}, in channel layout ({@link
     * ComplexChannels}): measurements {@code (B, 2, P, F, M2, M1)} and scenes {@code (B, 2, [N3,]
     * N2, N1)}, owned by {@code manager} (on this simulator's device).
     */
    public SimulatedBatch simulate(NDManager manager, long seed, long[] indices) {
        int b = indices.length;
        if (b == 0) {
            throw new IllegalArgumentException("a batch needs at least one index");
        }
        Shape sceneShape = generator.sceneShape();
        int n = Math.toIntExact(sceneShape.size());
        double[] re = new double[b * n];
        double[] im = new double[b * n];
        for (int s = 0; s < b; s++) {
            double[] c = generator.sampleInterleaved(seed, indices[s]);
            for (int k = 0; k < n; k++) {
                re[s * n + k] = c[2 * k];
                im[s * n + k] = c[2 * k + 1];
            }
        }
        Shape batchScene = new Shape(b).addAll(sceneShape);
        try (NDManager tmp = manager.newSubManager()) {
            ComplexTensor scenes =
                    ComplexTensor.of(
                            tmp.create(re, batchScene).toType(dtype, false),
                            tmp.create(im, batchScene).toType(dtype, false));
            ComplexTensor yClean = operator.forward(scenes).attach(tmp);
            ComplexTensor y = addNoise(yClean, seed, indices, tmp);
            NDArray yc = ComplexChannels.stack(y, 1);
            NDArray sc = ComplexChannels.stack(scenes, 1);
            yc.attach(manager);
            sc.attach(manager);
            return new SimulatedBatch(yc, sc);
        }
    }

    /**
     * {@link Noise#add} per sample: each sample's unit draw from its own noise seed, scaled so that
     * its SNR alone is {@link #snrDb}. One reduction and one transfer for the whole batch.
     */
    private ComplexTensor addNoise(ComplexTensor yClean, long seed, long[] indices, NDManager tmp) {
        if (snrDb == Double.POSITIVE_INFINITY) {
            return yClean.duplicate().attach(tmp);
        }
        int b = indices.length;
        Shape shape = yClean.getShape();
        int m = Math.toIntExact(shape.size() / b);
        double[] signal;
        try (NDArray a2 = yClean.abs2().reshape(b, m);
                NDArray e = a2.sum(new int[] {1});
                NDArray d = e.toType(DataType.FLOAT64, false)) {
            signal = d.toDoubleArray();
        }
        double[] re = new double[b * m];
        double[] im = new double[b * m];
        double sd = Math.sqrt(0.5);
        for (int s = 0; s < b; s++) {
            Random rng = new Random(Seeds.derive(seed, indices[s], Seeds.NOISE));
            double drawn = 0;
            for (int k = 0; k < m; k++) {
                double r = sd * rng.nextGaussian();
                double i = sd * rng.nextGaussian();
                // Noise.add draws in this order and rounds the draw to the dtype first
                if (dtype == DataType.FLOAT32) {
                    r = (float) r;
                    i = (float) i;
                }
                re[s * m + k] = r;
                im[s * m + k] = i;
                drawn += r * r + i * i;
            }
            double scale = Math.sqrt(signal[s] / drawn * Math.pow(10, -snrDb / 10));
            for (int k = 0; k < m; k++) {
                re[s * m + k] *= scale;
                im[s * m + k] *= scale;
            }
        }
        ComplexTensor w =
                ComplexTensor.of(
                        tmp.create(re, shape).toType(dtype, false),
                        tmp.create(im, shape).toType(dtype, false));
        return yClean.add(w).attach(tmp);
    }

    /** The forward model (for exact physics, the dense matrix). */
    public LinearOperator operator() {
        return operator;
    }

    /** Builds a {@link BatchSimulator}. */
    public static final class Builder extends SimulatorParts.Builder<Builder> {

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /**
         * Validates and builds (for exact physics, forming the dense matrix on the manager's
         * device).
         *
         * @throws IllegalArgumentException naming what is missing or invalid
         */
        public BatchSimulator build() {
            validate("a batch simulator");
            return new BatchSimulator(this);
        }
    }
}
