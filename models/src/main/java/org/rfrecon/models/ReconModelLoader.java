package org.rfrecon.models;

import ai.djl.Application;
import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.repository.Repository;
import ai.djl.repository.zoo.BaseModelLoader;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Translator;
import ai.djl.util.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.rfrecon.core.physics.SensingModel;

/**
 * Loads one rfrecon model directory as a DJL {@link ZooModel}: verifies every checksum, reads the
 * manifest, rebuilds the network from its architecture for the manifest's geometry, loads the
 * parameters, and pairs it with a {@link ReconTranslator}. Models are local: there is nothing to
 * download. Group, artifact (the name), application and MRL are DJL's {@link BaseModelLoader}'s,
 * read from the model's MRL.
 */
public final class ReconModelLoader extends BaseModelLoader {

    /**
     * The {@link Criteria} argument ({@code optArgument}) naming a {@code SensingModel} for the
     * network to run on instead of its geometry's Fresnel operator.
     */
    public static final String PHYSICS = "physics";

    private final Path directory;

    /** A loader for the model directory {@code directory}, known as {@code name}. */
    public ReconModelLoader(String name, Path directory) {
        super(
                Repository.newInstance("rfrecon-" + name, directory)
                        .model(Application.UNDEFINED, RfreconModelZoo.GROUP_ID, name));
        this.directory = directory;
    }

    /** The model directory. */
    public Path directory() {
        return directory;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <I, O> ZooModel<I, O> loadModel(Criteria<I, O> criteria)
            throws IOException, ModelNotFoundException, MalformedModelException {
        if ((criteria.getInputClass() != null && criteria.getInputClass() != Measurements.class)
                || (criteria.getOutputClass() != null
                        && criteria.getOutputClass() != Reconstruction.class)) {
            throw new ModelNotFoundException(
                    "rfrecon models map Measurements to Reconstruction, not "
                            + criteria.getInputClass()
                            + " to "
                            + criteria.getOutputClass());
        }
        Device device = criteria.getDevice() == null ? Device.cpu() : criteria.getDevice();
        Map<String, Object> arguments = criteria.getArguments(); // null when none were given
        Object physics = arguments == null ? null : arguments.get(PHYSICS);
        if (physics != null && !(physics instanceof SensingModel)) {
            throw new IllegalArgumentException(
                    "the criteria argument '" + PHYSICS + "' must be a SensingModel");
        }
        return (ZooModel<I, O>) load(directory, device, (SensingModel) physics);
    }

    /**
     * Loads a verified model directory on {@code device}.
     *
     * @throws IOException if a file is tampered, truncated or foreign
     * @throws MalformedModelException if the parameters do not fit the architecture
     */
    public static ZooModel<Measurements, Reconstruction> load(Path directory, Device device)
            throws IOException, MalformedModelException {
        return load(directory, device, null);
    }

    /**
     * Loads a verified model directory on {@code device}, its network running on {@code physics}
     * (the data's own operator, kept and closed by the caller), or on the Fresnel operator of the
     * model's geometry when null.
     *
     * @throws IOException if a file is tampered, truncated or foreign
     * @throws MalformedModelException if the parameters do not fit the architecture
     */
    public static ZooModel<Measurements, Reconstruction> load(
            Path directory, Device device, SensingModel physics)
            throws IOException, MalformedModelException {
        ModelManifest manifest = ModelDirectory.read(directory);
        Model model = Model.newInstance(manifest.name(), device, "PyTorch");
        try {
            Block block = Networks.build(manifest, model.getNDManager(), physics);
            ModelDirectory.loadParameters(directory, block, model.getNDManager());
            model.setBlock(block);
            model.setDataType(Networks.dataType(manifest));
            Translator<Measurements, Reconstruction> t =
                    new ReconTranslator(manifest.geometry(), Networks.dataType(manifest));
            return new ZooModel<>(model, t);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public <I, O> boolean isDownloaded(Criteria<I, O> criteria) {
        return true;
    }

    @Override
    public <I, O> void downloadModel(Criteria<I, O> criteria, Progress progress) {
        // local models: nothing to download
    }

    @Override
    public String toString() {
        return "rfrecon model " + getArtifactId() + " at " + directory;
    }
}
