package org.rfrecon.training;

import org.rfrecon.core.geometry.Preset;
import org.rfrecon.datasets.scene.SceneConfig;
import org.rfrecon.datasets.scene.SceneKind;
import org.rfrecon.datasets.sim.Physics;
import org.rfrecon.datasets.sim.SimulatorParts;

/**
 * What a training run learns from: the geometry, how its scenes and measurements are simulated, and
 * how many. Built with {@link #builder()}.
 *
 * @param preset the geometry preset of the data
 * @param physics the physics that simulates training data
 * @param scene the scene family ({@link SceneKind#ANY}: each scene one of the other three, drawn at
 *     random)
 * @param snrDb the measurement SNR in dB
 * @param mode fresh scenes every epoch or a fixed set
 * @param trainCount training samples per epoch
 * @param valCount held-out samples
 */
public record DataSpec(
        Preset preset,
        Physics physics,
        SceneKind scene,
        double snrDb,
        DataMode mode,
        int trainCount,
        int valCount) {

    /** Validates, naming the key of the JSON form. */
    public DataSpec {
        ConfigChecks.given("preset", preset);
        ConfigChecks.given("physics", physics);
        ConfigChecks.given("scene", scene);
        ConfigChecks.given("data", mode);
        ConfigChecks.positive("train_count", trainCount);
        ConfigChecks.positive("val_count", valCount);
        ConfigChecks.finite("snr_db", snrDb);
    }

    /**
     * Sets how this specification simulates (physics, scene family, SNR) on a simulator's builder;
     * geometry, manager and dtype are the caller's.
     */
    public <B extends SimulatorParts.Builder<B>> B applyTo(B simulator) {
        return simulator.optPhysics(physics).optSceneConfig(SceneConfig.of(scene)).optSnrDb(snrDb);
    }

    /** A builder; the preset is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this specification. */
    public Builder toBuilder() {
        return new Builder()
                .setPreset(preset)
                .optPhysics(physics)
                .optScene(scene)
                .optSnrDb(snrDb)
                .optMode(mode)
                .optTrainCount(trainCount)
                .optValCount(valCount);
    }

    /**
     * Builds a {@link DataSpec}. Defaults: Fresnel physics, mixed scenes, 30 dB, fresh scenes, 64
     * training and 16 held-out samples.
     */
    public static final class Builder {
        private Preset preset;
        private Physics physics = Physics.FRESNEL;
        private SceneKind scene = SceneKind.MIXED;
        private double snrDb = 30;
        private DataMode mode = DataMode.FRESH;
        private int trainCount = 64;
        private int valCount = 16;

        private Builder() {}

        /** The geometry preset (required). */
        public Builder setPreset(Preset preset) {
            this.preset = preset;
            return this;
        }

        /** The physics that simulates the data. */
        public Builder optPhysics(Physics physics) {
            this.physics = physics;
            return this;
        }

        /** The scene family. */
        public Builder optScene(SceneKind scene) {
            this.scene = scene;
            return this;
        }

        /** The measurement SNR in dB. */
        public Builder optSnrDb(double snrDb) {
            this.snrDb = snrDb;
            return this;
        }

        /** Fresh scenes every epoch or a fixed set. */
        public Builder optMode(DataMode mode) {
            this.mode = mode;
            return this;
        }

        /** Training samples per epoch. */
        public Builder optTrainCount(int trainCount) {
            this.trainCount = trainCount;
            return this;
        }

        /** Held-out samples. */
        public Builder optValCount(int valCount) {
            this.valCount = valCount;
            return this;
        }

        /** Validates and builds. */
        public DataSpec build() {
            return new DataSpec(preset, physics, scene, snrDb, mode, trainCount, valCount);
        }
    }
}
