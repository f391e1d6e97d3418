package org.rfrecon.models;

import ai.djl.repository.zoo.ModelZoo;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * rfrecon's DJL model zoo, group id {@value #GROUP_ID}: one {@link ReconModelLoader} per model
 * directory that {@link ModelRepository} finds (bundled or in a user repository). Models load the
 * DJL way:
 *
 * <pre>{@code
 * Criteria<Measurements, Reconstruction> c = Criteria.builder()
 *         .setTypes(Measurements.class, Reconstruction.class)
 *         .optGroupId(RfreconModelZoo.GROUP_ID)
 *         .optArtifactId("unrolled-tiny")
 *         .build();
 * try (ZooModel<Measurements, Reconstruction> model = c.loadModel();
 *         Predictor<Measurements, Reconstruction> p = model.newPredictor()) {
 *     Reconstruction r = p.predict(Measurements.of(SimulationFile.read(file)));
 * }
 * }</pre>
 */
public final class RfreconModelZoo extends ModelZoo {

    /** The zoo's group id. */
    public static final String GROUP_ID = "org.rfrecon";

    /** Lists the models found now. */
    public RfreconModelZoo() {
        for (Map.Entry<String, Path> e : ModelRepository.discover().entrySet()) {
            addModel(new ReconModelLoader(e.getKey(), e.getValue()));
        }
    }

    @Override
    public String getGroupId() {
        return GROUP_ID;
    }

    @Override
    public Set<String> getSupportedEngines() {
        return Set.of("PyTorch");
    }
}
