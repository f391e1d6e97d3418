package org.rfrecon.cli;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import java.io.IOException;
import java.nio.file.Path;
import org.rfrecon.models.Measurements;
import org.rfrecon.models.ReconModelLoader;
import org.rfrecon.models.Reconstruction;
import org.rfrecon.models.RfreconModelZoo;

/** Loads {@code --model DIR|zoo:NAME}: a directory directly, a zoo name through DJL's Criteria. */
final class ModelLoading {

    private ModelLoading() {}

    /**
     * Loads the model on {@code device}.
     *
     * @throws IllegalArgumentException one line when the model is missing, tampered or malformed
     */
    static ZooModel<Measurements, Reconstruction> load(String spec, Device device) {
        try {
            if (spec.startsWith("zoo:")) {
                Criteria<Measurements, Reconstruction> c =
                        Criteria.builder()
                                .setTypes(Measurements.class, Reconstruction.class)
                                .optGroupId(RfreconModelZoo.GROUP_ID)
                                .optArtifactId(spec.substring(4))
                                .optDevice(device)
                                .build();
                return c.loadModel();
            }
            return ReconModelLoader.load(Path.of(spec), device);
        } catch (ModelNotFoundException e) {
            throw new IllegalArgumentException(
                    "no model '"
                            + spec.substring(4)
                            + "' in the rfrecon zoo (see rfrecon zoo list)",
                    e);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
