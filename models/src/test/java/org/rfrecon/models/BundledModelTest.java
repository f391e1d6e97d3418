package org.rfrecon.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import org.junit.jupiter.api.Test;
import org.rfrecon.core.complex.ComplexTensor;
import org.rfrecon.core.complex.Scalars;
import org.rfrecon.core.geometry.Geometry;
import org.rfrecon.core.geometry.Preset;
import org.rfrecon.core.operator.Kronecker2D;
import org.rfrecon.core.solver.Backprojection;
import org.rfrecon.datasets.npy.HostArray;
import org.rfrecon.datasets.scene.SceneKind;
import org.rfrecon.datasets.sim.Simulation;
import org.rfrecon.datasets.sim.Simulator;

/**
 * The model shipped in the jar loads by name through DJL's Criteria, reconstructs freshly simulated
 * exact-physics data better than backprojection, and refuses measurements of another geometry.
 */
class BundledModelTest {

    static final String NAME = "unrolled-small";

    private static ZooModel<Measurements, Reconstruction> load() throws Exception {
        return Criteria.builder()
                .setTypes(Measurements.class, Reconstruction.class)
                .optGroupId(RfreconModelZoo.GROUP_ID)
                .optArtifactId(NAME)
                .build()
                .loadModel();
    }

    @Test
    void theBundledModelBeatsBackprojectionOnFreshExactData() throws Exception {
        Geometry g = Preset.SMALL.geometry();
        int scenes = 4;
        double model = 0;
        double backprojection = 0;
        try (ZooModel<Measurements, Reconstruction> zoo = load();
                Predictor<Measurements, Reconstruction> p = zoo.newPredictor();
                NDManager m = NDManager.newBaseManager()) {
            Kronecker2D op = Kronecker2D.of(g, m, DataType.FLOAT32);
            // 20261201: not the training or held-out seed
            Simulator sim = Simulator.exact(g, m, SceneKind.MIXED, 20261201);
            for (int i = 0; i < scenes; i++) {
                try (NDManager s = m.newSubManager()) {
                    Simulation data = sim.simulate(s, i);
                    Reconstruction r =
                            p.predict(new Measurements(g, HostArray.fromComplexTensor(data.y())));
                    model += nmse(r.x().toComplexTensor(s), data.scene()) / scenes;
                    backprojection +=
                            nmse(Backprojection.apply(op, data.y()), data.scene()) / scenes;
                }
            }
        }
        assertTrue(
                model < backprojection,
                "bundled model NMSE " + model + " vs backprojection " + backprojection);
    }

    @Test
    void measurementsOfAnotherGeometryAreRefusedClearly() throws Exception {
        Geometry tiny = Preset.TINY.geometry();
        try (ZooModel<Measurements, Reconstruction> zoo = load();
                Predictor<Measurements, Reconstruction> p = zoo.newPredictor();
                NDManager m = NDManager.newBaseManager()) {
            ComplexTensor y =
                    ComplexTensor.randomNormal(
                            m, tiny.measurementShape(), DataType.FLOAT32, new java.util.Random(5));
            TranslateException e =
                    assertThrows(
                            TranslateException.class,
                            () ->
                                    p.predict(
                                            new Measurements(
                                                    tiny, HostArray.fromComplexTensor(y))));
            String message = String.valueOf(e.getMessage()) + " " + e.getCause();
            assertTrue(message.contains("small") && message.contains("tiny"), message);
        }
    }

    @Test
    void theZooListsTheBundledModel() {
        assertTrue(ModelRepository.bundledNames().contains(NAME), "index.txt lacks " + NAME);
        assertEquals(
                NAME,
                new RfreconModelZoo()
                        .getModelLoaders().stream()
                                .filter(l -> l.getArtifactId().equals(NAME))
                                .findFirst()
                                .orElseThrow()
                                .getArtifactId());
    }

    private static double nmse(ComplexTensor estimate, ComplexTensor truth) {
        return Scalars.value(estimate.sub(truth).norm2Squared())
                / Scalars.value(truth.norm2Squared());
    }
}
