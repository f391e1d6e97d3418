package org.rfrecon.jobs;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.rfrecon.core.physics.SensingModel;
import org.rfrecon.models.Measurements;
import org.rfrecon.models.ModelRepository;
import org.rfrecon.models.ReconModelLoader;
import org.rfrecon.models.Reconstruction;
import org.rfrecon.models.RfreconModelZoo;

/**
 * Models named as a front end names them: a model directory, or {@code zoo:NAME} for a model of the
 * rfrecon model zoo. A directory is loaded directly, a zoo name through DJL's {@link Criteria}.
 */
public final class ModelLoading {

    /** The prefix of a zoo name, as in {@code zoo:unrolled-small}. */
    public static final String ZOO = "zoo:";

    private ModelLoading() {}

    /** Whether {@code spec} names a zoo model ({@code zoo:NAME}) rather than a directory. */
    public static boolean isZoo(String spec) {
        return spec.startsWith(ZOO);
    }

    /**
     * Loads the model {@code spec} on {@code device}.
     *
     * @param spec a model directory or {@code zoo:NAME}
     * @throws IllegalArgumentException one line when the model is missing, tampered or malformed
     */
    public static ZooModel<Measurements, Reconstruction> load(String spec, Device device) {
        return load(spec, device, null);
    }

    /**
     * Loads the model {@code spec} on {@code device}, its network running on {@code physics} (the
     * data's own operator, e.g. a simulation file's stored factors; kept and closed by the caller),
     * or on the Fresnel operator of the model's geometry when null.
     *
     * @param spec a model directory or {@code zoo:NAME}
     * @throws IllegalArgumentException one line when the model is missing, tampered or malformed
     */
    public static ZooModel<Measurements, Reconstruction> load(
            String spec, Device device, SensingModel physics) {
        try {
            if (isZoo(spec)) {
                Criteria.Builder<Measurements, Reconstruction> c =
                        Criteria.builder()
                                .setTypes(Measurements.class, Reconstruction.class)
                                .optGroupId(RfreconModelZoo.GROUP_ID)
                                .optArtifactId(spec.substring(ZOO.length()))
                                .optDevice(device);
                if (physics != null) {
                    c.optArgument(ReconModelLoader.PHYSICS, physics);
                }
                return c.build().loadModel();
            }
            return ReconModelLoader.load(Path.of(spec), device, physics);
        } catch (ModelNotFoundException e) {
            throw new IllegalArgumentException(
                    "no model '"
                            + spec.substring(ZOO.length())
                            + "' in the rfrecon zoo (see rfrecon zoo list)",
                    e);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * The directory {@code spec} reads: a zoo name's directory in the model repository (null if the
     * zoo has no such model), else {@code spec} as a path.
     *
     * @throws InvalidInputException if {@code spec} is neither a path nor {@code zoo:NAME}
     */
    public static Path directory(String spec) {
        if (isZoo(spec)) {
            return ModelRepository.discover().get(spec.substring(ZOO.length()));
        }
        try {
            return Path.of(spec);
        } catch (InvalidPathException e) {
            throw new InvalidInputException(
                    "model must be a directory or zoo:NAME, got '"
                            + spec
                            + "' ("
                            + e.getReason()
                            + ")",
                    e);
        }
    }

    /**
     * {@code spec} as every machine of a cluster reads it: a zoo name as it is, a directory made
     * absolute.
     */
    public static String absolute(String spec) {
        return isZoo(spec) ? spec : directory(spec).toAbsolutePath().toString();
    }
}
