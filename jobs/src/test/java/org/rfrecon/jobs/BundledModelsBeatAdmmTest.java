package org.rfrecon.jobs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.datasets.npy.HostArray;
import org.rfrecon.datasets.scene.SceneKind;
import org.rfrecon.datasets.sim.Simulation;
import org.rfrecon.datasets.sim.Simulator;
import org.rfrecon.models.Measurements;
import org.rfrecon.models.Reconstruction;
import org.rfrecon.models.RfreconModelZoo;
import org.rfrecon.training.evaluation.ClassicalMethods;
import org.rfrecon.training.evaluation.HeldOutScene;
import org.rfrecon.training.evaluation.ReconMethod;

/**
 * Issue 16's test of the bundled models: each beats {@code reconstruct}'s ADMM-l1 (defaults: lambda
 * 0.05 of {@code ||A^H y||_inf}, 200 iterations) on fresh exact-physics scenes of its own family at
 * 30 dB, by at least {@link #MARGIN_DB} in mean NMSE computed here from the truth (not read from
 * rfrecon's own output). The seed is used neither in training (fresh scenes from the seeds of the
 * stages, docs/models) nor for the validation sets (20261125, 9101) nor for the documented test
 * sets (31, 32, 61, 62, 71, 81, 91, 111). Measured on the development machine (2026-12-03, sixth
 * session): mixed -4.29 against +0.91 dB (-4.18 with the fifth session's model), points -10.33
 * against -6.95 dB.
 */
class BundledModelsBeatAdmmTest {

    /** How much better than ADMM-l1 each bundled model must be, in dB of mean NMSE. */
    static final double MARGIN_DB = 3.0;

    private static final int SCENES = 4;
    private static final long SEED = 20261201;

    @ParameterizedTest
    @CsvSource({"unrolled-small, MIXED", "unrolled-small-points, POINTS"})
    void theBundledModelBeatsAdmmL1OnFreshScenesOfItsFamily(String name, SceneKind family)
            throws Exception {
        Geometry g = Preset.SMALL.geometry();
        double network = 0;
        double admm = 0;
        ReconMethod classical = ClassicalMethods.of(ClassicalMethods.Kind.ADMM_L1);
        try (ZooModel<Measurements, Reconstruction> zoo =
                        Criteria.builder()
                                .setTypes(Measurements.class, Reconstruction.class)
                                .optGroupId(RfreconModelZoo.GROUP_ID)
                                .optArtifactId(name)
                                .build()
                                .loadModel();
                Predictor<Measurements, Reconstruction> p = zoo.newPredictor();
                NDManager m = NDManager.newBaseManager()) {
            Simulator sim = Simulator.exact(g, m, family, SEED);
            for (int i = 0; i < SCENES; i++) {
                try (NDManager s = m.newSubManager()) {
                    Simulation data = sim.simulate(s, i);
                    HostArray y = HostArray.fromComplexTensor(data.y());
                    HeldOutScene scene =
                            new HeldOutScene(
                                    name + "#" + i,
                                    g,
                                    y,
                                    HostArray.fromComplexTensor(data.scene()));
                    if (i == 0) {
                        classical.prepare(scene, s);
                    }
                    Reconstruction r = p.predict(new Measurements(g, y));
                    network += nmseDb(r.x().toComplexTensor(s), data.scene()) / SCENES;
                    admm += nmseDb(classical.reconstruct(scene, s), data.scene()) / SCENES;
                }
            }
        } finally {
            classical.release();
        }
        System.out.printf(
                "%s on %d fresh %s scenes: network %.2f dB, ADMM-l1 %.2f dB%n",
                name, SCENES, family, network, admm);
        assertTrue(
                network < admm - MARGIN_DB,
                name + ": network " + network + " dB vs ADMM-l1 " + admm + " dB (mean NMSE)");
    }

    private static double nmseDb(ComplexTensor estimate, ComplexTensor truth) {
        return 10
                * Math.log10(
                        Scalars.value(estimate.sub(truth).norm2Squared())
                                / Scalars.value(truth.norm2Squared()));
    }
}
