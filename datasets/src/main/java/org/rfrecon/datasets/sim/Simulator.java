package org.rfrecon.datasets.sim;

import ai.djl.ndarray.NDManager;
import java.util.Random;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.SensingFactors;
import org.rfrecon.core.operator.LinearOperator;
import org.rfrecon.datasets.scene.SceneConfig;
import org.rfrecon.datasets.scene.SceneKind;
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
public final class Simulator extends SimulatorParts {

    private final long seed;
    private final SensingFactors factors;
    private final LinearOperator operator;

    private Simulator(Builder b) {
        super(b);
        this.seed = b.seed;
        this.factors = SensingFactors.fresnel(geometry, own, dtype);
        this.operator = physics.operator(geometry, factors, own, dtype);
    }

    /** A builder; geometry and manager are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A simulator of {@link Physics#EXACT} measurements of {@code family}'s scenes (default
     * parameters) at the default SNR of 30 dB: data that no Fresnel-trained model or Fresnel-based
     * solver has seen, as used to judge them.
     *
     * @param geometry the geometry
     * @param manager the manager whose device computes; it owns the simulator's parts
     * @param family the scene family
     * @param seed the run's seed
     */
    public static Simulator exact(
            Geometry geometry, NDManager manager, SceneKind family, long seed) {
        return builder()
                .setGeometry(geometry)
                .setManager(manager)
                .optPhysics(Physics.EXACT)
                .optSceneConfig(SceneConfig.of(family))
                .optSeed(seed)
                .build();
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

    /** The run's seed. */
    public long seed() {
        return seed;
    }

    /** The Fresnel factors of the geometry (written into simulation files whatever the physics). */
    public SensingFactors factors() {
        return factors;
    }

    /** The forward model of the physics. */
    public LinearOperator operator() {
        return operator;
    }

    /** Builds a {@link Simulator}. */
    public static final class Builder extends SimulatorParts.Builder<Builder> {
        private long seed;

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /** Sets the seed (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Validates and builds (forming the Fresnel factors on the manager's device).
         *
         * @throws IllegalArgumentException naming what is missing or invalid
         */
        public Simulator build() {
            validate("a simulator");
            return new Simulator(this);
        }
    }
}
