package org.rfrecon.datasets.sim;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.datasets.scene.SceneConfig;
import org.rfrecon.datasets.scene.SceneGenerator;

/**
 * What {@link Simulator} and {@link BatchSimulator} share: the geometry, physics, scene generator,
 * SNR and dtype, and the sub-manager that owns their operator; and the builder of those settings
 * (public, so that code that configures either simulator can take either builder).
 */
public abstract class SimulatorParts implements AutoCloseable {

    final Geometry geometry;
    final Physics physics;
    final SceneGenerator generator;
    final double snrDb;
    final DataType dtype;
    final NDManager own;

    SimulatorParts(Builder<?> b) {
        this.geometry = b.geometry;
        this.physics = b.physics;
        this.generator = SceneGenerator.of(b.scene, b.geometry);
        this.snrDb = b.snrDb;
        this.dtype = b.dtype;
        this.own = b.manager.newSubManager();
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

    /** The real dtype of the parts (float32 or float64). */
    public DataType dataType() {
        return dtype;
    }

    /** Frees the operator (and the factors). */
    @Override
    public void close() {
        own.close();
    }

    /**
     * The settings both simulators are built from.
     *
     * @param <B> the builder's own type
     */
    public abstract static class Builder<B extends Builder<B>> {
        private Geometry geometry;
        private NDManager manager;
        private Physics physics = Physics.FRESNEL;
        private SceneConfig scene = SceneConfig.builder().build();
        private double snrDb = 30;
        private DataType dtype = DataType.FLOAT32;

        Builder() {}

        abstract B self();

        /** Sets the geometry (required). */
        public B setGeometry(Geometry geometry) {
            this.geometry = geometry;
            return self();
        }

        /**
         * Sets the manager whose device computes and which owns the factors and the operator
         * (required).
         */
        public B setManager(NDManager manager) {
            this.manager = manager;
            return self();
        }

        /** Sets the physics (default Fresnel). */
        public B optPhysics(Physics physics) {
            this.physics = physics;
            return self();
        }

        /** Sets the scene configuration (default: mixed scenes with default parameters). */
        public B optSceneConfig(SceneConfig scene) {
            this.scene = scene;
            return self();
        }

        /** Sets the SNR in dB (default 30; positive infinity for no noise). */
        public B optSnrDb(double snrDb) {
            this.snrDb = snrDb;
            return self();
        }

        /** Sets the real dtype, float32 (default) or float64. */
        public B optDataType(DataType dtype) {
            this.dtype = dtype;
            return self();
        }

        /**
         * Checks the settings.
         *
         * @param what the simulator's name in the message ("a simulator")
         * @throws IllegalArgumentException naming what is missing or invalid
         */
        void validate(String what) {
            if (geometry == null || manager == null) {
                throw new IllegalArgumentException(what + " needs a geometry and a manager");
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
        }
    }
}
