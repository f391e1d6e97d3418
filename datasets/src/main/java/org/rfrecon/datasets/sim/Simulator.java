package org.rfrecon.datasets.sim;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.Random;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.SensingFactors;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.datasets.scene.SceneConfig;
import org.rfrecon.datasets.scene.SceneGenerator;
import org.rfrecon.datasets.scene.Seeds;

/**
 * Makes simulated samples: sample {@code i} draws a scene from seed {@code (seed, i)} on the host,
 * moves it to the device, applies the forward model of the chosen {@link Physics} ({@code y_clean =
 * A scene}) and adds circular white Gaussian noise at the requested SNR ({@link Noise}), drawn from
 * a second seed stream of {@code (seed, i)}.
 *
 * <p>The simulator owns a sub-manager of the manager given to the builder, holding the Fresnel
 * factors and the operator; {@link #close()} frees it.
 */
public final class Simulator implements AutoCloseable {

    private final Geometry geometry;
    private final Physics physics;
    private final SceneGenerator generator;
    private final double snrDb;
    private final long seed;
    private final DataType dtype;
    private final NDManager own;
    private final SensingFactors factors;
    private final LinearOperator operator;

    private Simulator(Builder b) {
        this.geometry = b.geometry;
        this.physics = b.physics;
        this.generator = SceneGenerator.of(b.scene, b.geometry);
        this.snrDb = b.snrDb;
        this.seed = b.seed;
        this.dtype = b.dtype;
        this.own = b.manager.newSubManager();
        this.factors = SensingFactors.fresnel(geometry, own, dtype);
        this.operator = physics.operator(geometry, factors, own, dtype);
    }

    /** A builder; geometry and manager are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sample {@code index}: scene, clean and noisy measurements, all owned by {@code manager}
     * (which must be on this simulator's device).
     */
    public Simulation simulate(NDManager manager, long index) {
        ComplexTensor scene = generator.sample(manager, dtype, seed, index);
        ComplexTensor yClean = operator.forward(scene);
        Random rng = new Random(Seeds.derive(seed, index, Seeds.NOISE));
        ComplexTensor y = Noise.add(yClean, snrDb, rng);
        double measured = Double.isInfinite(snrDb) ? snrDb : Noise.measuredSnrDb(yClean, y);
        SimulationMeta meta =
                new SimulationMeta(
                        geometry, physics, generator.config().kind(), snrDb, measured, seed, index);
        return new Simulation(meta, scene, yClean, y);
    }

    /** The geometry. */
    public Geometry geometry() {
        return geometry;
    }

    /** The physics that makes the measurements. */
    public Physics physics() {
        return physics;
    }

    /** The scene generator. */
    public SceneGenerator generator() {
        return generator;
    }

    /** The requested SNR in dB. */
    public double snrDb() {
        return snrDb;
    }

    /** The run's seed. */
    public long seed() {
        return seed;
    }

    /** The real dtype of the parts (float32 or float64). */
    public DataType dataType() {
        return dtype;
    }

    /** The Fresnel factors of the geometry (written into simulation files whatever the physics). */
    public SensingFactors factors() {
        return factors;
    }

    /** The forward model of the physics. */
    public LinearOperator operator() {
        return operator;
    }

    /** Frees the factors and the operator. */
    @Override
    public void close() {
        own.close();
    }

    /** Builds a {@link Simulator}. */
    public static final class Builder {
        private Geometry geometry;
        private NDManager manager;
        private Physics physics = Physics.FRESNEL;
        private SceneConfig scene = SceneConfig.builder().build();
        private double snrDb = 30;
        private long seed;
        private DataType dtype = DataType.FLOAT32;

        private Builder() {}

        /** Sets the geometry (required). */
        public Builder setGeometry(Geometry geometry) {
            this.geometry = geometry;
            return this;
        }

        /** Sets the manager whose device computes and which owns the factors (required). */
        public Builder setManager(NDManager manager) {
            this.manager = manager;
            return this;
        }

        /** Sets the physics (default Fresnel). */
        public Builder optPhysics(Physics physics) {
            this.physics = physics;
            return this;
        }

        /** Sets the scene configuration (default: mixed scenes with default parameters). */
        public Builder optSceneConfig(SceneConfig scene) {
            this.scene = scene;
            return this;
        }

        /** Sets the SNR in dB (default 30; positive infinity for no noise). */
        public Builder optSnrDb(double snrDb) {
            this.snrDb = snrDb;
            return this;
        }

        /** Sets the seed (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Sets the real dtype, float32 (default) or float64. */
        public Builder optDataType(DataType dtype) {
            this.dtype = dtype;
            return this;
        }

        /**
         * Validates and builds (forming the Fresnel factors on the manager's device).
         *
         * @throws IllegalArgumentException naming what is missing or invalid
         */
        public Simulator build() {
            if (geometry == null || manager == null) {
                throw new IllegalArgumentException("a simulator needs a geometry and a manager");
            }
            if (physics == null || scene == null) {
                throw new IllegalArgumentException("physics and scene config must not be null");
            }
            if (Double.isNaN(snrDb) || snrDb == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("SNR must be a number of dB, got " + snrDb);
            }
            if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT64) {
                throw new IllegalArgumentException(
                        "dtype must be float32 or float64, got " + dtype);
            }
            return new Simulator(this);
        }
    }
}
