package org.rfrecon.jobs.cluster;

import ai.djl.ndarray.NDManager;
import java.io.Serializable;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.datasets.scene.SceneConfig;
import org.rfrecon.datasets.scene.SceneKind;
import org.rfrecon.datasets.sim.Physics;
import org.rfrecon.datasets.sim.Simulator;

/**
 * What {@code rfrecon simulate} simulates, as a task receives it; {@link #simulator} builds the
 * same simulator on the driver and in every task.
 *
 * @param preset the preset name
 * @param physics {@code fresnel} or {@code exact}
 * @param scene the scene kind
 * @param snrDb the SNR in dB (positive infinity: no noise)
 * @param seed the seed
 * @param device {@code cpu} or {@code gpu}
 */
public record SimulationJob(
        String preset, String physics, String scene, double snrDb, long seed, String device)
        implements Serializable {

    /**
     * The simulator on {@code manager}'s device (the caller closes it).
     *
     * @throws IllegalArgumentException naming an unknown preset, physics or scene kind
     */
    public Simulator simulator(NDManager manager) {
        return Simulator.builder()
                .setGeometry(Preset.byName(preset).geometry())
                .setManager(manager)
                .optPhysics(Physics.byName(physics))
                .optSceneConfig(SceneConfig.of(SceneKind.byName(scene)))
                .optSnrDb(snrDb)
                .optSeed(seed)
                .build();
    }
}
